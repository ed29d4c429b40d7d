package dev.launchguard.launchctl;

import java.util.Arrays;

/**
 * What a launchctl error code means on a real Mac, with the cause an operator should look for.
 *
 * <p>Codes 3, 5, 36 and 37 are BSD errno values (intro(2)); 113 and above are launchd's own
 * (xpc_strerror). Each constant names the fixture that shows it.
 */
public enum LaunchctlReason {
    /** error-bootout-3-no-such-process.txt: bootout of a service that is not loaded. */
    NO_SUCH_PROCESS(3, "no such process: the service is not loaded (already gone)"),
    /**
     * error-bootstrap-5-*.txt, error-bootout-5-nonroot.txt, error-load-5-monterey.txt: launchd hides
     * the real error from launchctl. log-bootout-then-bootstrap-race-macos27-PARTIAL.txt shows a 37
     * in the unified log that the CLI printed as 5.
     */
    IO_ERROR(5, "input/output error: launchd hid the real cause; usually the service is already loaded, "
            + "a bootout of it is still in flight, it is disabled, its plist is invalid or has bad "
            + "ownership, or its program cannot be spawned (run as root or read `log show` for the real error)"),
    /** bootout answered before the job was gone: keep polling. */
    IN_PROGRESS(36, "operation now in progress: the bootout has begun and the job is still stopping"),
    /** A bootstrap that raced a bootout (see IO_ERROR). */
    ALREADY_IN_PROGRESS(37, "operation already in progress: an earlier bootout or bootstrap of this service "
            + "has not finished"),
    /** error-kickstart-not-loaded-113.txt, error-print-not-found-*.txt, error-list-label-not-found.txt. */
    NOT_FOUND(113, "service not found: it is not loaded in this domain"),
    /** error-bootstrap-119-disabled-QUOTED.txt. */
    DISABLED(119, "service is disabled: run `launchctl enable <domain>/<label>` before `bootstrap`"),
    /** error-load-122-bad-ownership.txt. */
    BAD_OWNERSHIP(122, "path had bad ownership/permissions: the plist must be owned by root (daemons) or "
            + "its user (agents) and not be group- or world-writable"),
    /** error-bootstrap-125-no-gui-session.txt. */
    DOMAIN_UNSUPPORTED(125, "domain does not support the action: usually gui/<uid> without a GUI (Aqua) "
            + "login, e.g. over SSH; use user/<uid>"),
    /** error-kickstart-150-sip.txt. */
    SIP(150, "operation not permitted while System Integrity Protection is engaged: an Apple service"),
    /** error-could-not-find-domain-gui-*.txt, error-load-no-gui-domain-mojave.txt, error-svc-no-aqua-domain-catalina.txt. */
    NO_DOMAIN(0, "could not find domain: there is no GUI (Aqua) session for gui/<uid>, e.g. over SSH; use user/<uid>"),
    /** error-unrecognized-subcommand-bootout-yosemite-PARTIAL.txt: OS X 10.10 had no bootout. */
    UNRECOGNIZED_SUBCOMMAND(0, "this launchctl does not know the subcommand (OS X 10.10 has no bootout; use unload)"),
    /** warning-load-agent-as-root.txt: printed, yet the command went ahead. */
    WARNING(0, "a warning; launchctl went ahead"),
    /** Any other code. */
    OTHER(0, "an error launchguard does not know; see launchctl's message");

    private final int code;
    private final String meaning;

    LaunchctlReason(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The launchd code this reason is reported with, 0 when it has no number of its own. */
    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    static LaunchctlReason ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code && code != 0).findFirst().orElse(OTHER);
    }
}
