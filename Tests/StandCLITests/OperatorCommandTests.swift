import Testing

@Suite struct OperatorCommandTests {
    @Test func addListUpdateAndRemoveOperators() throws {
        let standctl = try StandCtlRunner.withNewDataDirectory()
        #expect(try standctl.succeed(["operator", "list"]).contains("No operators yet"))
        let added = try standctl.run(["operator", "add", "--id", "sam", "--name", "Sam", "--role", "supervisor"], input: "9999\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "Added supervisor sam (Sam).\n")
        let anna = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna"], input: "1234\n")
        #expect(anna.stdout == "Added operator anna (Anna).\n")
        let list = try standctl.succeed(["operator", "list"])
        #expect(list.contains("sam   Sam   supervisor"))
        #expect(list.contains("anna  Anna  operator"))
        #expect(!list.contains("9999") && !list.contains("1234"))
        let renamed = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna K."], input: "2345\n")
        #expect(renamed.stdout == "Updated operator anna (Anna K.).\n")
        #expect(try standctl.succeed(["operator", "remove", "--id", "anna"]) == "Removed operator anna.\n")
        #expect(!(try standctl.succeed(["operator", "list"]).contains("anna")))
    }

    @Test func badInputIsRefusedWithWhatToDo() throws {
        let standctl = try StandCtlRunner.withNewDataDirectory()
        let noPIN = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna"])
        #expect(noPIN.status != 0)
        #expect(noPIN.stderr.contains("no PIN on standard input"))
        let shortPIN = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna"], input: "12\n")
        #expect(shortPIN.stderr.contains("A PIN is 4 to 8 digits"))
        let role = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna", "--role", "boss"], input: "1234\n")
        #expect(role.stderr.contains("unknown role 'boss'; use operator or supervisor"))
        _ = try standctl.run(["operator", "add", "--id", "sam", "--name", "Sam"], input: "9999\n")
        let shared = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna"], input: "9999\n")
        #expect(shared.stderr.contains("Operator sam already uses this PIN"))
        let missing = try standctl.run(["operator", "remove", "--id", "nobody"])
        #expect(missing.stderr.contains("there is no operator nobody"))
    }
}
