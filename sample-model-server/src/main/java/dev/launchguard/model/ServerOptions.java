package dev.launchguard.model;

import java.time.Duration;

/**
 * The command line of the server.
 *
 * @param warmup inference batches run before declaring ready
 * @param chaos whether {@code POST /admin/fault} is accepted
 * @param drainTimeout how long SIGTERM waits for in-flight requests before exiting anyway
 */
record ServerOptions(String host, int port, int warmup, boolean chaos, Duration drainTimeout) {

    static final String USAGE = "usage: java -jar sample-model-server.jar --port P [--warmup N] [--chaos]"
            + " [--drain-timeout D] [--host H]";
    static final String DEFAULT_HOST = "127.0.0.1";
    /** Half of launchd's default ExitTimeOut (20 s), so a drain ends before launchd sends SIGKILL. */
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** About 3 minutes of warmup even on a fast machine; more is a typo. */
    static final int MAX_WARMUP = 10_000;

    ServerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("'--port' " + port + " is out of range 0..65535");
        }
        if (warmup < 0 || warmup > MAX_WARMUP) {
            throw new IllegalArgumentException("'--warmup' " + warmup + " is out of range 0.." + MAX_WARMUP);
        }
    }

    static ServerOptions parse(String... args) {
        String host = DEFAULT_HOST;
        Integer port = null;
        int warmup = 0;
        boolean chaos = false;
        Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--chaos" -> chaos = true;
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = number(args, ++i, option);
                case "--warmup" -> warmup = number(args, ++i, option);
                case "--drain-timeout" -> drainTimeout = DurationText.parse(option, value(args, ++i, option));
                default -> throw new IllegalArgumentException("option '" + option + "' is unknown");
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("option '--port' is required");
        }
        return new ServerOptions(host, port, warmup, chaos, drainTimeout);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException("option '" + option + "' needs a value");
        }
        return args[index];
    }

    private static int number(String[] args, int index, String option) {
        String text = value(args, index, option);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + option + "' " + text + " is not a whole number");
        }
    }
}
