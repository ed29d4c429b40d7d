package dev.launchguard.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * launchguard's logging set-up: one line per event on stderr, which launchd (or the operator)
 * redirects with StandardErrorPath. Logback finds it as a service before its own XML configurator;
 * written in code, it spares every start that configurator's XML parser and model classes (about
 * 300 classes, 2.7 MiB of resident memory with 50 jobs: docs/benchmarks.md, footprint).
 *
 * <p>The root level is {@code LAUNCHGUARD_LOG_LEVEL}, a system property or else an environment
 * variable, INFO when neither is set; an unknown level means DEBUG, as in a logback.xml. A
 * {@code logback.configurationFile} system property or a {@code logback-test.xml} on the class path
 * wins: this configurator then steps aside for logback's own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {

    static final String LEVEL_VARIABLE = "LAUNCHGUARD_LOG_LEVEL";
    static final String APPENDER = "STDERR";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;
    private final Predicate<String> onClassPath;

    /** The configurator logback instantiates through {@link java.util.ServiceLoader}. */
    public StderrLogConfigurator() {
        this(System::getProperty, System::getenv,
                resource -> StderrLogConfigurator.class.getClassLoader().getResource(resource) != null);
    }

    StderrLogConfigurator(UnaryOperator<String> properties, UnaryOperator<String> environment,
            Predicate<String> onClassPath) {
        this.properties = properties;
        this.environment = environment;
        this.onClassPath = onClassPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (properties.apply("logback.configurationFile") != null || onClassPath.test("logback-test.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level()));
        root.addAppender(stderr);
        // Their INFO lines are about the libraries, not about the jobs.
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("oshi").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private String level() {
        String property = properties.apply(LEVEL_VARIABLE);
        if (property != null) {
            return property;
        }
        String env = environment.apply(LEVEL_VARIABLE);
        return env == null ? "INFO" : env;
    }
}
