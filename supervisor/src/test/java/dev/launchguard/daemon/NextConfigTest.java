package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.launchguard.TestResources;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NextConfigTest {

    private static final Path FILE = Path.of("/etc/launchguard.yaml");

    private final Logger log = (Logger) LoggerFactory.getLogger(NextConfig.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    private static Function<Path, LaunchguardConfig> throwing(Throwable t) {
        return file -> {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) t;
        };
    }

    private String onlyLine() {
        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(logged.list.get(0).getThrowableProxy()).isNull();
        return logged.list.get(0).getFormattedMessage();
    }

    @Test
    void aGoodFileIsReturnedWithoutAWord() {
        Path minimal = TestResources.path("/config/minimal.yaml");

        assertThat(NextConfig.load(minimal, new ConfigLoader(Path.of("/home/op"))::load)).isPresent();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aRefusedFileIsOneWarnLineWithItsMessage() {
        ConfigException refused = new ConfigException(FILE.toString(), "jobs", "a mapping must be a list");

        assertThat(NextConfig.load(FILE, throwing(refused))).isEmpty();
        assertThat(onlyLine()).isEqualTo("Reload rejected, nothing changed: /etc/launchguard.yaml: jobs: a mapping must "
                + "be a list file=/etc/launchguard.yaml");
    }

    @Test
    void aLoaderBugIsOneWarnLineToo() {
        assertThat(NextConfig.load(FILE, throwing(new NullPointerException("node")))).isEmpty();
        assertThat(onlyLine()).isEqualTo("Reload rejected, nothing changed: /etc/launchguard.yaml: could not be loaded: "
                + "java.lang.NullPointerException: node file=/etc/launchguard.yaml");
    }

    @Test
    void aStackOverflowIsOneWarnLineAndTheReloadThreadLivesOn() {
        assertThat(NextConfig.load(FILE, throwing(new StackOverflowError()))).isEmpty();
        assertThat(onlyLine()).isEqualTo("Reload rejected, nothing changed: /etc/launchguard.yaml: could not be loaded: "
                + "java.lang.StackOverflowError file=/etc/launchguard.yaml");
    }

    @Test
    void runningOutOfMemoryIsNotSwallowed() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

        assertThatThrownBy(() -> NextConfig.load(FILE, throwing(oom))).isSameAs(oom);
        assertThat(logged.list).isEmpty();
    }
}
