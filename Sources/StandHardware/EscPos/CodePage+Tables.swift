// The upper halves (0x80–0xFF) of the four code pages, written from the public code page charts
// (IBM/Microsoft CP437, CP852, CP858; Windows-1252). The lower half of every page is ASCII.
// U+0000 marks a byte the page leaves undefined (five bytes of Windows-1252).

extension CodePage {
    /// 0x80–0xFF of CP437, sixteen bytes a row.
    static let cp437Upper: [String] = [
        "ÇüéâäàåçêëèïîìÄÅ", // 0x80
        "ÉæÆôöòûùÿÖÜ¢£¥₧ƒ", // 0x90
        "áíóúñÑªº¿⌐¬½¼¡«»", // 0xA0
        "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐", // 0xB0
        "└┴┬├─┼╞╟╚╔╩╦╠═╬╧", // 0xC0
        "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀", // 0xD0
        "αßΓπΣσµτΦΘΩδ∞φε∩", // 0xE0
        "≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}", // 0xF0
    ]

    /// 0x80–0xFF of CP858, sixteen bytes a row.
    static let cp858Upper: [String] = [
        "ÇüéâäàåçêëèïîìÄÅ", // 0x80
        "ÉæÆôöòûùÿÖÜø£Ø×ƒ", // 0x90
        "áíóúñÑªº¿®¬½¼¡«»", // 0xA0
        "░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐", // 0xB0
        "└┴┬├─┼ãÃ╚╔╩╦╠═╬¤", // 0xC0
        "ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀", // 0xD0
        "ÓßÔÒõÕµþÞÚÛÙýÝ¯´", // 0xE0
        "\u{AD}±‗¾¶§÷¸°¨·¹³²■\u{A0}", // 0xF0
    ]

    /// 0x80–0xFF of CP852, sixteen bytes a row.
    static let cp852Upper: [String] = [
        "ÇüéâäůćçłëŐőîŹÄĆ", // 0x80
        "ÉĹĺôöĽľŚśÖÜŤťŁ×č", // 0x90
        "áíóúĄąŽžĘę¬źČş«»", // 0xA0
        "░▒▓│┤ÁÂĚŞ╣║╗╝Żż┐", // 0xB0
        "└┴┬├─┼Ăă╚╔╩╦╠═╬¤", // 0xC0
        "đĐĎËďŇÍÎě┘┌█▄ŢŮ▀", // 0xD0
        "ÓßÔŃńňŠšŔÚŕŰýÝţ´", // 0xE0
        "\u{AD}˝˛ˇ˘§÷¸°¨˙űŘř■\u{A0}", // 0xF0
    ]

    /// 0x80–0xFF of CP1252, sixteen bytes a row.
    static let wpc1252Upper: [String] = [
        "€\u{0}‚ƒ„…†‡ˆ‰Š‹Œ\u{0}Ž\u{0}", // 0x80
        "\u{0}‘’“”•–—˜™š›œ\u{0}žŸ", // 0x90
        "\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯", // 0xA0
        "°±²³´µ¶·¸¹º»¼½¾¿", // 0xB0
        "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ", // 0xC0
        "ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß", // 0xD0
        "àáâãäåæçèéêëìíîï", // 0xE0
        "ðñòóôõö÷øùúûüýþÿ", // 0xF0
    ]
}
