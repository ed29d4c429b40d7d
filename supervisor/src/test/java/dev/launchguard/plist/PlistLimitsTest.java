package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile plists are refused in one line before dd-plist parses them: the cases that overflowed its
 * stack or ran the heap out, each through the same reader the engine and the linter use.
 */
class PlistLimitsTest {

    @TempDir
    Path dir;

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            + "<plist version=\"1.0\">\n";

    private static String job(String extra) {
        return HEAD + "<dict><key>Label</key><string>com.example.web</string>"
                + "<key>ProgramArguments</key><array><string>/bin/sleep</string><string>60</string></array>"
                + extra + "</dict></plist>\n";
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void aThirtyMegabytePlistIsRefusedUnread() throws IOException {
        Path file = dir.resolve("com.example.web.plist");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(30L * 1024 * 1024); // sparse: the reader must refuse it by its size alone
        }

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessage(file + ": is 31,457,280 bytes; allowed: at most 1,048,576 bytes (1 MiB) for a launchd plist");
    }

    @Test
    void deepXmlIsRefusedWithTheKeyPathWhereItWentTooDeep() throws IOException {
        String nest = "<array>".repeat(600) + "</array>".repeat(600);
        Path file = file("com.example.web.plist", job("<key>Deep</key>" + nest).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(file + ": Deep" + "[0]".repeat(31) + ": nests more than 32 values deep; "
                        + "allowed: at most 32 levels");
    }

    @Test
    void xmlAtTheDepthLimitStillReads() throws IOException {
        // The job's dictionary is level 1, so 31 arrays inside it reach level 32.
        String nest = "<array>".repeat(31) + "<string>x</string>" + "</array>".repeat(31);
        Path file = file("com.example.web.plist", job("<key>Deep</key>" + nest).getBytes(StandardCharsets.UTF_8));

        assertThat(Plists.read(file).label()).isEqualTo("com.example.web");
    }

    @Test
    void xmlWithTooManyValuesIsRefused() throws IOException {
        String many = "<array>" + "<true/>".repeat(PlistLimits.MAX_VALUES + 1) + "</array>";
        Path file = file("com.example.web.plist", job("<key>Many</key>" + many).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageContaining(": Many[")
                .hasMessageEndingWith("holds more than 20,000 values; allowed: at most 20,000");
    }

    @Test
    void aLongXmlStringIsRefusedWithItsKey() throws IOException {
        String value = "<string>" + "a".repeat(PlistLimits.MAX_VALUE_CHARS + 1) + "</string>";
        Path file = file("com.example.web.plist", job("<key>Long</key>" + value).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessage(file + ": Long: holds a value of more than 65,536 characters; allowed: at most 65,536");
    }

    @Test
    void xmlEntityDeclarationsAreRefusedBeforeAnyExpands() throws IOException {
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n<!ENTITY a \"aaaaaaaaaa\">\n"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
                + "<plist><dict><key>Label</key><string>&c;</string></dict></plist>\n";
        Path file = file("com.example.web.plist", laughs.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessage(file + ": declares XML entities; allowed: a plain plist (the DOCTYPE line launchd's "
                        + "tools write, nothing inside it)");
    }

    @Test
    void anElementOutsideThePlistDtdIsRefusedWithItsLine() throws IOException {
        // Found by PlistFuzzTest: dd-plist made an unknown element a value nothing could read.
        Path file = file("com.example.web.plist", job("<key>Args</key><array>\n<sTring>x</sTring></array>")
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessage(file + ": Args[0]: line 5: <sTring> is not a plist element (did you mean string? keys are case-sensitive); "
                        + "allowed: "
                        + "plist, dict, key, array, string, integer, real, true, false, date, data");
    }

    @Test
    void aUtf16PlistIsRefusedNotHandedToAnUncheckedParser() throws IOException {
        Path file = file("com.example.web.plist", job("").getBytes(StandardCharsets.UTF_16));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(file + ": is neither an XML (UTF-8), a binary nor an old-style plist");
    }

    @Test
    void brokenXmlNamesLineAndColumn() throws IOException {
        Path file = file("com.example.web.plist", (HEAD + "<dict><key>Label</key>\n<string>x</dict></plist>")
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(file + ": is not valid XML: line 5, column ");
    }

    @Test
    void aDeepBinaryPlistIsRefusedInsteadOfOverflowingTheStack() throws IOException {
        // 19,000 arrays each holding the next: dd-plist's recursive parser overflowed on this.
        Path file = file("com.example.web.plist", BinaryPlist.nestedArrays(19_000));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessage(file + ": " + "[0]".repeat(32) + ": nests more than 32 values deep; allowed: at most 32 levels");
    }

    @Test
    void aBinaryPlistThatHoldsItselfIsRefused() throws IOException {
        BinaryPlist plist = new BinaryPlist();
        plist.add(BinaryPlist.array(0)); // object 0 is an array holding object 0
        Path file = file("com.example.web.plist", plist.bytes(0));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageEndingWith(": nests more than 32 values deep; allowed: at most 32 levels");
    }

    @Test
    void sharedBinaryReferencesAreCountedEachTimeTheyAreReached() throws IOException {
        // 30 arrays, each holding the next one twice: 2^30 values once dd-plist expands them.
        BinaryPlist plist = new BinaryPlist();
        for (int i = 0; i < 30; i++) {
            plist.add(BinaryPlist.array(i + 1, i + 1));
        }
        plist.add(BinaryPlist.ascii("x"));
        Path file = file("com.example.web.plist", plist.bytes(0));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageEndingWith("holds more than 20,000 values; allowed: at most 20,000");
    }

    @Test
    void aBinaryStringLongerThanTheFileIsRefused() throws IOException {
        BinaryPlist plist = new BinaryPlist();
        // An ASCII string claiming 2^31 - 1 characters: dd-plist would allocate that much.
        plist.add(new byte[] {0x5F, 0x12, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'x'});
        Path file = file("com.example.web.plist", plist.bytes(0));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageEndingWith("a value of 2,147,483,647 characters; allowed: at most 65,536");
    }

    @Test
    void aBinaryUuidOrNullIsRefusedByName() throws IOException {
        // Found by BinaryPlistFuzzTest: dd-plist reads the one-byte marker 0x0E as a 16-byte UUID and
        // returns a UID object, which the decoder could not read (an IllegalArgumentException).
        BinaryPlist uuid = new BinaryPlist();
        uuid.add(BinaryPlist.array(1));
        byte[] object = new byte[17];
        object[0] = 0x0E;
        uuid.add(object);
        Path withUuid = file("com.example.web.plist", uuid.bytes(0));
        assertThatThrownBy(() -> Plists.read(withUuid))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(withUuid + ": [0]: holds a UUID value; allowed: the types of a launchd plist");

        BinaryPlist nul = new BinaryPlist();
        nul.add(BinaryPlist.array(1));
        nul.add(new byte[] {0x00});
        Path withNull = file("com.example.web.plist", nul.bytes(0));
        assertThatThrownBy(() -> Plists.read(withNull))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(withNull + ": [0]: holds a null value");

        BinaryPlist fill = new BinaryPlist();
        fill.add(BinaryPlist.array(1));
        fill.add(new byte[] {0x0F});
        Path withFill = file("com.example.web.plist", fill.bytes(0));
        assertThatThrownBy(() -> Plists.read(withFill))
                .isInstanceOf(PlistException.class)
                .hasMessageContaining("is not a valid binary plist: an object at offset").hasMessageContaining("0xf");
    }

    @Test
    void aBinaryPlistWithABrokenTrailerIsRefused() throws IOException {
        byte[] bytes = Plists.toBinary(Plists.read(file("a.plist", job("").getBytes(StandardCharsets.UTF_8))));
        bytes[bytes.length - 2] = (byte) 0x7F; // the offset table's position, now past the end
        Path file = file("com.example.web.plist", bytes);

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(file + ": is not a valid binary plist: the offset table at ");
    }

    @Test
    void aValidBinaryPlistStillReads() throws IOException {
        LaunchdJob job = Plists.read(file("a.plist", job("<key>KeepAlive</key><dict><key>PathState</key><dict>"
                + "<key>/tmp/x</key><true/></dict></dict>").getBytes(StandardCharsets.UTF_8)));
        Path binary = file("com.example.web.plist", Plists.toBinary(job));

        assertThat(Plists.read(binary)).isEqualTo(job);
    }

    @Test
    void deepAsciiPlistIsRefused() throws IOException {
        String ascii = "{ Label = com.example.web; Deep = " + "(".repeat(5_000) + ")".repeat(5_000) + "; }";
        Path file = file("com.example.web.plist", ascii.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Plists.read(file))
                .isInstanceOf(PlistException.class)
                .hasMessage(file + ": nests more than 32 values deep; allowed: at most 32 levels");
    }

    @Test
    void aFifoIsRefusedInsteadOfBlockingTheRead() throws Exception {
        Path fifo = dir.resolve("com.example.web.plist");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThatThrownBy(() -> Plists.read(fifo))
                .isInstanceOf(PlistException.class)
                .hasMessage(fifo + ": is not a regular file; allowed: a plist file");
    }
}
