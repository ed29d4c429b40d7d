package dev.launchguard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StderrLogConfiguratorTest {

    private final LoggerContext context = new LoggerContext();

    private ExecutionStatus configure(Map<String, String> properties, Map<String, String> environment, boolean testXml) {
        StderrLogConfigurator configurator = new StderrLogConfigurator(properties::get, environment::get,
                resource -> testXml && resource.equals("logback-test.xml"));
        configurator.setContext(context);
        return configurator.configure(context);
    }

    private Logger root() {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void writesOneLinePerEventToStderrAtInfo() {
        assertThat(configure(Map.of(), Map.of(), false)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(root().getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root().getAppender("STDERR");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
                .isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n");
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("oshi").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void levelComesFromThePropertyBeforeTheEnvironment() {
        configure(Map.of("LAUNCHGUARD_LOG_LEVEL", "warn"), Map.of("LAUNCHGUARD_LOG_LEVEL", "ERROR"), false);

        assertThat(root().getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void levelComesFromTheEnvironmentWithoutTheProperty() {
        configure(Map.of(), Map.of("LAUNCHGUARD_LOG_LEVEL", "DEBUG"), false);

        assertThat(root().getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void anUnknownLevelMeansDebugAsInLogbackXml() {
        configure(Map.of(), Map.of("LAUNCHGUARD_LOG_LEVEL", "loud"), false);

        assertThat(root().getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void stepsAsideForAConfigurationFile() {
        assertThat(configure(Map.of("logback.configurationFile", "/etc/lg.xml"), Map.of(), false))
                .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);

        assertThat(root().getAppender("STDERR")).isNull();
    }

    @Test
    void stepsAsideForALogbackTestXml() {
        assertThat(configure(Map.of(), Map.of(), true)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);

        assertThat(root().getAppender("STDERR")).isNull();
    }
}
