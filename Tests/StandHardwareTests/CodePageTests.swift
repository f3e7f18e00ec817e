import Testing
@testable import StandHardware

@Suite struct CodePageTests {
    @Test(arguments: [
        (CodePage.cp437, Character("é"), UInt8(0x82)), (.cp437, "ß", 0xE1), (.cp437, "ü", 0x81), (.cp437, "£", 0x9C), (.cp437, "°", 0xF8),
        (.cp858, "€", 0xD5), (.cp858, "é", 0x82), (.cp858, "ß", 0xE1), (.cp858, "Ø", 0x9D), (.cp858, "©", 0xB8),
        (.cp852, "ł", 0x88), (.cp852, "Ł", 0x9D), (.cp852, "ż", 0xBE), (.cp852, "ą", 0xA5), (.cp852, "ś", 0x98),
        (.cp852, "ć", 0x86), (.cp852, "ń", 0xE4), (.cp852, "ó", 0xA2), (.cp852, "ę", 0xA9), (.cp852, "ź", 0xAB),
        (.wpc1252, "€", 0x80), (.wpc1252, "é", 0xE9), (.wpc1252, "ß", 0xDF), (.wpc1252, "“", 0x93), (.wpc1252, "—", 0x97),
    ])
    func knownCharacterIsAtItsChartByte(page: CodePage, character: Character, byte: UInt8) {
        #expect(page.encode(String(character)) == [byte])
        #expect(page.scalar(for: byte) == character.unicodeScalars.first)
    }

    @Test(arguments: CodePage.allCases)
    func everyTableRoundTrips(page: CodePage) {
        let mapped = page.mappedCharacters
        #expect(mapped.count == (page == .wpc1252 ? 123 : 128))
        for (byte, scalar) in mapped {
            #expect(page.byte(for: scalar) == byte, "\(page) \(scalar)")
            #expect(page.decode(page.encode(String(Character(scalar)))) == String(Character(scalar)), "\(page) \(scalar)")
        }
        #expect(Set(mapped.map(\.scalar)).count == mapped.count, "a character appears twice in \(page)")
    }

    @Test func windows1252LeavesFiveBytesUndefined() {
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(CodePage.wpc1252.scalar(for: byte) == nil)
        }
    }

    @Test func escPosNumbersSelectThePages() {
        #expect(CodePage.allCases.map(\.escPosNumber) == [0, 19, 16, 18])
        #expect(CodePage(escPosNumber: 19) == .cp858)
        #expect(CodePage(escPosNumber: 7) == nil)
    }

    @Test(arguments: [
        (CodePage.cp437, "Café 3,50 €", "Café 3,50 EUR"),
        (.cp437, "Żurek łódź", "Zurek lódz"),
        (.cp437, "“quoted” – yes — no", "\"quoted\" - yes - no"),
        (.cp852, "Straße", "Straße"),
        (.cp852, "Pommes 2,50 €", "Pommes 2,50 EUR"),
        (.cp852, "£5", "GBP5"),
        (.wpc1252, "Łódź", "Lódz"),
        (.wpc1252, "Grüße", "Grüße"),
        (.cp858, "Šťastný", "Stastný"),
        (.cp858, "Œuvre…", "OEuvre..."),
        (.cp437, "½ price", "½ price"),
        (.cp852, "½ price", "1/2 price"),
        (.cp437, "Hot dog 🌭", "Hot dog ?"),
        (.cp437, "tab\there", "tab here"),
        (.cp437, "bell\u{07}", "bell?"),
        (.cp437, "e\u{301}", "é"),
    ])
    func transliteratesWhatThePageCannotHold(page: CodePage, text: String, printed: String) {
        #expect(page.transliterate(text) == printed)
    }

    @Test func transliterationSpellsOutUmlautsWhereMissing() {
        // No page here lacks ü, so check the table the fallback uses on a page built without it:
        // CP852 holds ü but not ÿ (ÿ decomposes to y).
        #expect(CodePage.cp852.transliterate("ÿ") == "y")
        #expect(CodePage.cp437.transliterate("ẞ") == "SS")
    }

    @Test func textNeverCarriesAControlByte() {
        let bytes = CodePage.cp437.encode("a\u{1B}@\u{1D}V\u{10}\u{04}b")
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x1D) && !bytes.contains(0x10))
        #expect(bytes.count == 8)
    }

    @Test(arguments: [
        ("Hot dog 3.50", CodePage.cp437),
        ("Café crème", .cp437),
        ("Zapiekanka z żółtym serem", .cp852),
        ("Currywurst 3,50 €", .cp858),
        ("Grüße, 3 €", .cp858),
        ("„Angebot“ 2 €", .wpc1252),
        ("Żurek 5 €", .cp852),
    ])
    func bestPageCoversTheText(text: String, page: CodePage) {
        #expect(CodePage.best(for: text) == page)
    }
}
