import ArgumentParser
import StandCLI

StandCtl.main()
