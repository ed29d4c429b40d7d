package dev.launchguard.drift;

import dev.launchguard.fleet.LoadedPlist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates the checks that read files or run a command: file, config and command. Drift is a
 * failed result, never an exception.
 */
final class FileChecks {

    private FileChecks() {
    }

    static DriftResult file(DriftCheck.FileState check) {
        if (!Files.isRegularFile(check.path())) {
            return DriftResult.fail(check, check.path() + (Files.exists(check.path()) ? " is not a regular file" : " does not exist"));
        }
        if (check.contains().isPresent()) {
            String text;
            try {
                text = new String(Files.readAllBytes(check.path()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return DriftResult.fail(check, check.path() + " cannot be read: " + e.getMessage());
            }
            if (!text.contains(check.contains().get())) {
                return DriftResult.fail(check, check.path() + " does not contain '" + check.contains().get() + "'");
            }
        }
        if (check.sha256().isPresent()) {
            String digest = LoadedPlist.digest(check.path()).orElse("unreadable");
            if (!digest.equals(check.sha256().get())) {
                return DriftResult.fail(check, check.path() + " has sha256 " + digest + ", expected " + check.sha256().get());
            }
        }
        return DriftResult.pass(check, check.path() + " is as expected");
    }

    static DriftResult config(DriftCheck.ConfigValue check) {
        String value;
        try {
            value = ConfigKeys.read(check.path(), check.key());
        } catch (IOException | RuntimeException e) {
            return DriftResult.fail(check, check.path() + ": " + check.key() + ": " + e.getMessage());
        }
        String seen = check.path() + ": " + check.key() + " is '" + value + "'";
        return value.equals(check.expected()) ? DriftResult.pass(check, seen)
                : DriftResult.fail(check, seen + ", expected '" + check.expected() + "'");
    }

    static DriftResult command(DriftCheck.CommandExits check) {
        Process process;
        try {
            process = new ProcessBuilder(check.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (IOException e) {
            return DriftResult.fail(check, "cannot run " + check.command().get(0) + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(check.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return DriftResult.fail(check, "did not exit within " + check.timeout().toMillis() + " ms (killed)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return DriftResult.fail(check, "interrupted while waiting for the command");
        }
        int exit = process.exitValue();
        return exit == 0 ? DriftResult.pass(check, "exited 0") : DriftResult.fail(check, "exited " + exit);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
