package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.fleet.LogChunk;
import dev.launchguard.fleet.LogRequest;
import dev.launchguard.fleet.LogUnavailable;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    private static final String LABEL = "dev.example.web";

    @TempDir
    Path dir;

    private Path plist(boolean withStdout) {
        Path plist = dir.resolve(LABEL + ".plist");
        LaunchdJob job = LaunchdJob.of(LABEL, List.of("/bin/true")).withStandardErrorPath(dir.resolve("err.log"));
        Plists.write(withStdout ? job.withStandardOutPath(dir.resolve("out.log")) : job, plist);
        return plist;
    }

    @Test
    void withoutAnOffsetReadsTheLastBytesFromALineBoundary() throws Exception {
        Files.writeString(dir.resolve("out.log"), "first line\nsecond line\nthird\n");

        LogChunk chunk = LogFiles.read(LABEL, plist(true), new LogRequest(LogRequest.Stream.STDOUT, OptionalLong.empty(), 10));

        assertThat(chunk.text()).isEqualTo("third\n");
        assertThat(chunk.offset()).isEqualTo(23);
        assertThat(chunk.next()).isEqualTo(29);
        assertThat(chunk.size()).isEqualTo(29);
        assertThat(chunk.path()).isEqualTo(dir.resolve("out.log"));
    }

    @Test
    void fromAnOffsetReadsAtMostTheLimitAndSaysWhereToGoOn() throws Exception {
        Files.writeString(dir.resolve("err.log"), "0123456789");

        LogChunk chunk = LogFiles.read(LABEL, plist(true), new LogRequest(LogRequest.Stream.STDERR, OptionalLong.of(2), 5));

        assertThat(chunk.text()).isEqualTo("23456");
        assertThat(chunk.offset()).isEqualTo(2);
        assertThat(chunk.next()).isEqualTo(7);
    }

    @Test
    void anOffsetPastTheEndOfAShorterFileStartsAgainFromTheTop() throws Exception {
        Files.writeString(dir.resolve("out.log"), "new\n");

        LogChunk chunk = LogFiles.read(LABEL, plist(true), new LogRequest(LogRequest.Stream.STDOUT, OptionalLong.of(500), 100));

        assertThat(chunk.offset()).isZero();
        assertThat(chunk.text()).isEqualTo("new\n");
    }

    @Test
    void aFileReplacedByAnotherReadsAsAnotherFile() throws Exception {
        Path out = Files.writeString(dir.resolve("out.log"), "old\n");
        Path plist = plist(true);
        LogRequest request = new LogRequest(LogRequest.Stream.STDOUT, OptionalLong.of(0), 100);
        String before = LogFiles.read(LABEL, plist, request).file();

        Path replacement = Files.writeString(dir.resolve("out.log.new"), "a longer replacement\n");
        Files.move(replacement, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(out, "more\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(before).isNotEmpty();
        assertThat(LogFiles.read(LABEL, plist, request).file()).isNotEqualTo(before);
        assertThat(LogFiles.read(LABEL, plist, request).file()).isEqualTo(LogFiles.read(LABEL, plist, request).file());
    }

    @Test
    void aPlistWithoutTheKeyOrAMissingFileIsUnavailableSayingWhich() {
        Path plist = plist(false);
        assertThatThrownBy(() -> LogFiles.read(LABEL, plist, new LogRequest(LogRequest.Stream.STDOUT, OptionalLong.empty(), 10)))
                .isInstanceOf(LogUnavailable.class)
                .hasMessage("job 'dev.example.web' has no StandardOutPath in its plist " + plist
                        + ", so its stdout is not kept in a file");
        assertThatThrownBy(() -> LogFiles.read(LABEL, plist, new LogRequest(LogRequest.Stream.STDERR, OptionalLong.empty(), 10)))
                .isInstanceOf(LogUnavailable.class)
                .hasMessage("job 'dev.example.web' has no stderr file yet: " + dir.resolve("err.log")
                        + " (StandardErrorPath) does not exist");
    }
}
