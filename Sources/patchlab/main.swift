import PatchLabCLI

await PatchLabCommand.main()
