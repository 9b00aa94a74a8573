import PatchLabCLI

await PatchLabCommand.runAsRoot()
