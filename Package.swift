// swift-tools-version: 6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "StandKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StandCore", targets: ["StandCore"]),
        .library(name: "StandStore", targets: ["StandStore"]),
        .library(name: "StandHardware", targets: ["StandHardware"]),
        .executable(name: "standctl", targets: ["standctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "StandCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: upcoming
        ),
        .target(
            name: "StandHardware",
            dependencies: ["StandCore"],
            swiftSettings: upcoming
        ),
        .systemLibrary(name: "CLibUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        // zbar.h only: libzbar is opened at run time by StandDrivers' ZBarLibrary, not linked.
        .systemLibrary(name: "CZBar", providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
        .target(
            name: "StandDrivers",
            dependencies: [
                "StandCore", "StandHardware", "CLibUSB", "CZBar", "CGPIOD",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "HardwareMocks",
            dependencies: ["StandCore", "StandHardware"],
            path: "HardwareMocks",
            swiftSettings: upcoming
        ),
        .target(
            name: "StandApp",
            dependencies: [
                "StandCore", "StandHardware", "StandStore", "StandDrivers", "HardwareMocks",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "standd",
            dependencies: [
                "StandApp", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "StandStore",
            dependencies: [
                "StandCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "StandCLI",
            dependencies: [
                "StandCore", "StandStore", "StandDrivers", "StandApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "standctl",
            dependencies: ["StandCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "store-crash-child",
            dependencies: ["StandCore", "StandStore"],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "card-crash-child",
            dependencies: ["StandCore", "StandStore", "StandHardware", "StandDrivers", "StandApp"],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "standkit-bench",
            dependencies: [
                "StandCore", "StandStore", "StandHardware", "StandDrivers", "HardwareMocks", "StandApp", "CGPIOD",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "StandStoreTests",
            dependencies: ["StandCore", "StandStore", "store-crash-child", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "StandHardwareTests",
            dependencies: ["StandHardware", "StandCore", "HardwareMocks"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "StandDriversTests",
            dependencies: [
                "StandDrivers", "StandHardware", "HardwareMocks", "StandCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "HardwareMocksTests",
            dependencies: ["HardwareMocks", "StandHardware", "StandCore"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "StandAppTests",
            dependencies: [
                "StandApp", "StandHardware", "StandDrivers", "HardwareMocks", "StandStore", "StandCore", "standd", "card-crash-child",
                .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "StandCLITests",
            dependencies: [
                "standctl", "StandApp", "StandStore", "StandCore",
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "StandCoreTests",
            dependencies: ["StandCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
