package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A date is read only when the XML launchguard writes for it reads back as the same date: a real
 * date from 1601 to 9999, in any of the three formats.
 */
class PlistDatesTest {

    @TempDir
    Path dir;

    private Path xml(String date) throws IOException {
        return write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>Label</key>"
                + "<string>a.b</string><key>ProgramArguments</key><array><string>/bin/true</string></array>"
                + "<key>KeepAlive</key><dict><key>X</key><date>" + date + "</date></dict></dict></plist>\n");
    }

    private Path ascii(String date) throws IOException {
        return write("{ Label = a.b; ProgramArguments = (\"/bin/true\"); KeepAlive = { X = <*D" + date + ">; }; }");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempDirectory(dir, "p").resolve("a.b.plist");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void datesAnXmlPlistCanCarryReadAndSurviveTheRoundTrip() throws IOException {
        for (String date : new String[] {"1601-01-01T00:00:00Z", "2026-12-07T15:30:00Z", "9999-12-31T23:59:59Z"}) {
            LaunchdJob job = Plists.read(xml(date));
            assertThat(job.keepAlive().otherConditions()).containsEntry("X", java.time.Instant.parse(date));
            Path again = write(Plists.toXml(job));
            assertThat(Plists.read(again)).isEqualTo(job);
        }
    }

    @Test
    void anXmlDateThatIsNotARealDateInTheYears1601To9999IsRefusedWithItsKeyPath() throws IOException {
        for (String date : new String[] {"0000-01-01T00:00:00Z", "1600-12-31T23:59:59Z", "10000-01-01T00:00:00Z",
                "-001-01-01T00:00:00Z", "2020-13-45T25:61:61Z", "2021-02-29T00:00:00Z", "9999-12-31T23:59:60Z"}) {
            Path file = xml(date);
            assertThatThrownBy(() -> Plists.read(file)).as(date).isInstanceOf(PlistException.class)
                    .hasMessage(file + ": KeepAlive.X: holds the date '" + date + "'; allowed: YYYY-MM-DDTHH:MM:SSZ "
                            + "with a year from 1601 to 9999, as plutil writes them");
        }
    }

    @Test
    void anOldStyleDateOutsideTheRangeIsRefusedAfterParsing() throws IOException {
        // dd-plist's old-style parser is lenient: 23:59:60 on the last day of 9999 is the year 10000.
        for (String date : new String[] {"0000-01-01 00:00:00 +0000", "1500-01-01 00:00:00 +0000",
                "9999-12-31 23:59:60 +0000"}) {
            Path file = ascii(date);
            assertThatThrownBy(() -> Plists.read(file)).as(date).isInstanceOf(PlistException.class)
                    .hasMessageStartingWith(file + ": KeepAlive.X: holds the date ")
                    .hasMessageEndingWith("; allowed: a date from 1601-01-01T00:00:00Z to 9999-12-31T23:59:59Z, "
                            + "which an XML plist can write and read back");
        }
        assertThat(Plists.read(ascii("2026-12-07 15:30:00 +0000")).keepAlive().otherConditions())
                .containsEntry("X", java.time.Instant.parse("2026-12-07T15:30:00Z"));
    }
}
