package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void createsA0600FileWith32RandomBytesInA0700Folder() throws Exception {
        Path file = dir.resolve("state/token");

        String token = TokenFile.readOrCreate(file, new SecureRandom());

        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(Files.readString(file)).isEqualTo(token + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(TokenFile.readOrCreate(file, new SecureRandom())).isEqualTo(token);
        assertThat(TokenFile.readOrCreate(dir.resolve("other"), new SecureRandom())).isNotEqualTo(token);
    }

    @Test
    void refusesAFileReadableByOthers() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TokenFile.readOrCreate(file, new SecureRandom()))
                .isInstanceOf(TokenFileException.class)
                .hasMessage("token file '" + file + "' is accessible by group or others (mode 0644); run: chmod 600 " + file);
    }

    @Test
    void refusesAFileWritableByTheGroup() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));

        assertThatThrownBy(() -> TokenFile.read(file)).hasMessageContaining("(mode 0620)");
    }

    @Test
    void readsAHandWrittenTokenWithoutItsNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  my-own-long-secret-token \n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

        assertThat(TokenFile.read(file)).isEqualTo("my-own-long-secret-token");
    }

    @Test
    void refusesATokenTooShortToBeSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "hunter2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(TokenFileException.class).hasMessage(
                "token file '" + file + "' holds 7 characters; a token needs at least 16 (delete the file to get a new one)");
    }

    @Test
    void readingAMissingFileSaysWhoCreatesIt() {
        Path file = dir.resolve("nope");

        assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(TokenFileException.class)
                .hasMessage("token file '" + file + "' does not exist; launchguard creates it when it starts");
    }
}
