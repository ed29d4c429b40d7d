package dev.launchguard.cli;

import picocli.CommandLine.Command;

/** {@code launchguard kickstart LABEL}: kill and restart one job now, and wait for it to be READY. */
@Command(name = "kickstart",
        mixinStandardHelpOptions = true,
        description = {"Kill and restart a job now through the running launchguard, and wait until it is READY.",
            "Recorded as a manual restart; prints the new pid and the respawn's phases. A quarantined job is",
            "brought back as 'launchguard reset' does. Authenticates with the token file named in",
            "<state-dir>/runtime.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job is READY with a new instance (or, with --no-wait, the kickstart was issued)",
            "1:it did not happen: launchguard refused or failed it (unknown job, a disabled job, the job manager "
                + "failed), or the job was not READY within the timeout, or it was quarantined",
            "2:bad usage or input (an invalid label, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class KickstartCommand extends WaitedAction {

    @Override
    String action() {
        return "kickstart";
    }

    @Override
    String done() {
        return "kickstarted";
    }
}
