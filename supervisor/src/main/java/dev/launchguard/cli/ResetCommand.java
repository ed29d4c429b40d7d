package dev.launchguard.cli;

import picocli.CommandLine.Command;

/** {@code launchguard reset LABEL}: bring a quarantined job back, and wait for it to be READY. */
@Command(name = "reset",
        mixinStandardHelpOptions = true,
        description = {"Bring a quarantined job back: load and start it, forget its restarts, and wait until it is READY.",
            "The way back from QUARANTINED once the cause of the restart storm is fixed; without it launchguard",
            "tries the job once by itself when the storm guard's backoff is over. For a job that is not",
            "quarantined it only forgets the restarts counted so far. A disabled job needs 'launchguard enable'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job is READY (or, with --no-wait, it was started)",
            "1:it did not happen: launchguard refused or failed it (unknown job, a disabled job, the plist cannot "
                + "be loaded), or the job was not READY within the timeout, or it was quarantined again",
            "2:bad usage or input (an invalid label, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class ResetCommand extends WaitedAction {

    @Override
    String action() {
        return "reset";
    }

    @Override
    String done() {
        return "reset";
    }
}
