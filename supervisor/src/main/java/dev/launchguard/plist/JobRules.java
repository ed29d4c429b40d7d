package dev.launchguard.plist;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lint rules that need only the job itself, not the host: what launchd.plist(5) requires of
 * the values, beyond their types (which {@link PlistDecoder} checks).
 */
final class JobRules {

    /**
     * Reverse-DNS: at least two dot-separated names. '@' is allowed because Homebrew's labels
     * (homebrew.mxcl.postgresql@14) use it and load fine.
     */
    private static final Pattern REVERSE_DNS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_@-]*(\\.[A-Za-z0-9][A-Za-z0-9_@-]*)+");

    private final LaunchdJob job;
    private final Set<String> present;
    private final Findings findings;

    private JobRules(LaunchdJob job, Set<String> present, Findings findings) {
        this.job = job;
        this.present = present;
        this.findings = findings;
    }

    /** Checks {@code job}; {@code present} are the keys the plist had, so a missing key is told from an empty one. */
    static void check(LaunchdJob job, Set<String> present, Findings findings) {
        JobRules rules = new JobRules(job, present, findings);
        rules.label();
        rules.noNul();
        rules.program();
        rules.positive("StartInterval", job.startInterval());
        // launchd takes 0 for both (no throttle; wait for ever) and ignores a negative value.
        rules.notNegative("ThrottleInterval", job.throttleInterval());
        rules.notNegative("ExitTimeOut", job.exitTimeOut());
        rules.exitTimeOutZero();
        rules.calendar();
        rules.range("Nice", job.nice(), -20, 20);
        rules.oneOf("ProcessType", job.processType().stream().toList(), PlistKeys.PROCESS_TYPES);
        rules.oneOf("LimitLoadToSessionType", job.limitLoadToSessionType(), PlistKeys.SESSION_TYPES);
        rules.absolute("WorkingDirectory", job.workingDirectory().map(Path::toString));
        rules.absolute("StandardOutPath", job.standardOutPath().map(Path::toString));
        rules.absolute("StandardErrorPath", job.standardErrorPath().map(Path::toString));
    }

    static boolean isReverseDns(String label) {
        return REVERSE_DNS.matcher(label).matches();
    }

    private boolean usable(String key) {
        return present.contains(key) && !findings.hasErrorAt(key);
    }

    /**
     * A job's plist is named {@code <Label>.plist}, and a file name is at most 255 bytes on APFS and
     * ext4 alike, so a longer Label could not be found by its file.
     */
    static final int MAX_LABEL_BYTES = 255 - ".plist".length();

    private void label() {
        int bytes = job.label().getBytes(StandardCharsets.UTF_8).length;
        if (usable("Label") && bytes > MAX_LABEL_BYTES) {
            findings.error("Label", "is " + bytes + " bytes long (\"" + job.label().substring(0, 40) + "...\"); "
                    + "allowed: at most " + MAX_LABEL_BYTES + " bytes, so that <Label>.plist is a valid file name");
            return;
        }
        if (usable("Label") && !isReverseDns(job.label())) {
            findings.error("Label", "\"" + job.label() + "\" is not in reverse-DNS form; allowed: two or more "
                    + "dot-separated names of letters, digits, '-', '_' or '@', such as com.example.web");
        }
    }

    /** exec(2) takes C strings: a NUL would cut an argument or a variable short, so the job could never start as written. */
    private void noNul() {
        job.program().filter(p -> p.indexOf('\0') >= 0).ifPresent(p -> nul("Program"));
        List<String> args = job.programArguments();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).indexOf('\0') >= 0) {
                nul("ProgramArguments[" + i + "]");
            }
        }
        job.environmentVariables().forEach((name, value) -> {
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                nul("EnvironmentVariables." + name);
            }
        });
    }

    private void nul(String key) {
        findings.error(key, "holds a NUL character; allowed: text without one (exec(2) would cut it short there)");
    }

    private void program() {
        if (!present.contains("Program") && !present.contains("ProgramArguments")) {
            findings.error("Program", "neither Program nor ProgramArguments is set; allowed: Program with the "
                    + "executable's absolute path, or ProgramArguments starting with it");
            return;
        }
        if (!present.contains("Program") && usable("ProgramArguments") && job.programArguments().isEmpty()) {
            findings.error("ProgramArguments", "is an empty array and Program is not set; allowed: an array "
                    + "starting with the executable's absolute path");
            return;
        }
        String key = job.program().isPresent() ? "Program" : "ProgramArguments[0]";
        if (!findings.hasErrorAt(key)) {
            absolute(key, job.executable());
        }
    }

    private void absolute(String key, Optional<String> path) {
        if (path.isPresent() && !path.get().startsWith("/") && !findings.hasErrorAt(key)) {
            findings.error(key, "\"" + path.get() + "\" is not an absolute path; allowed: a path starting with / "
                    + "(launchd expands neither ~ nor $VARIABLES, and starts jobs in / with a minimal PATH)");
        }
    }

    private void positive(String key, Optional<Duration> value) {
        if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
            findings.error(key, value.get().toSeconds() + " is not positive; allowed: a whole number of seconds, "
                    + "1 or more");
        }
    }

    private void notNegative(String key, Optional<Duration> value) {
        if (value.isPresent() && value.get().isNegative()) {
            findings.error(key, value.get().toSeconds() + " is negative; allowed: a whole number of seconds, 0 or more "
                    + "(launchd ignores a negative value)");
        }
    }

    /** launchd.plist(5): zero is infinity, and "can stall system shutdown forever". */
    private void exitTimeOutZero() {
        if (job.exitTimeOut().filter(Duration::isZero).isPresent()) {
            findings.warning("ExitTimeOut", "0 means launchd waits for ever after SIGTERM, which can stall shutdown; "
                    + "allowed: a whole number of seconds, 1 or more (the default is 20)");
        }
    }

    private void calendar() {
        List<CalendarInterval> entries = job.startCalendarInterval();
        for (int i = 0; i < entries.size(); i++) {
            // One entry is usually the dictionary form, which has no index.
            String path = entries.size() == 1 ? "StartCalendarInterval" : "StartCalendarInterval[" + i + "]";
            CalendarInterval c = entries.get(i);
            range(path + ".Minute", c.minute(), 0, 59);
            range(path + ".Hour", c.hour(), 0, 23);
            range(path + ".Day", c.day(), 1, 31);
            // crontab(5) lets both 0 and 7 mean Sunday, and so does launchd.
            range(path + ".Weekday", c.weekday(), 0, 7);
            range(path + ".Month", c.month(), 1, 12);
        }
    }

    private void range(String key, OptionalInt value, int min, int max) {
        if (value.isPresent() && (value.getAsInt() < min || value.getAsInt() > max)) {
            findings.error(key, value.getAsInt() + " is out of range; allowed: " + min + " to " + max);
        }
    }

    private void oneOf(String key, List<String> values, List<String> allowed) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                findings.error(key, "\"" + value + "\" is not allowed" + Suggestions.didYouMean(value, allowed)
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
    }
}
