package dev.launchguard.cli;

import picocli.CommandLine.Command;

/** {@code launchguard enable LABEL}: clear a job's disabled override, load it again and wait for it to be READY. */
@Command(name = "enable",
        mixinStandardHelpOptions = true,
        description = {"Clear a job's disabled override, load it again from its plist and wait until it is READY.",
            "Goes through the running launchguard, which resumes probing the job and forgets the restarts it",
            "counted before. A job without RunAtLoad that stays loaded but not running is done once loaded. A",
            "quarantined job is brought back as 'launchguard reset' does."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job is enabled and READY (or loaded and waiting for launchd to start it; with --no-wait: enabled)",
            "1:it did not happen: launchguard refused or failed it (unknown job, the plist cannot be loaded), or "
                + "the job was not READY within the timeout, or it was quarantined",
            "2:bad usage or input (an invalid label, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class EnableCommand extends WaitedAction {

    @Override
    String action() {
        return "enable";
    }

    @Override
    String done() {
        return "enabled";
    }

    @Override
    boolean stoppedIsDone() {
        return true;
    }
}
