package dev.launchguard.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The file holding the API's bearer token. The daemon creates it (32 random bytes as hex, mode
 * 0600, its folder 0700) when missing; every reader refuses a file that group or others may
 * access, the way ssh refuses a private key anyone else can read.
 */
public final class TokenFile {

    /** 256 bits: far beyond guessing, even over a fast loopback socket. */
    static final int TOKEN_BYTES = 32;

    /** A hand-written token shorter than this is too easy to guess. */
    static final int MIN_LENGTH = 16;

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FOREIGN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private TokenFile() {
    }

    /** Reads the token, first creating the file with a fresh random token if it does not exist. */
    public static String readOrCreate(Path file, SecureRandom random) {
        if (!Files.exists(file)) {
            create(file, random);
        }
        return read(file);
    }

    /** Reads the token from an existing file, refusing one that group or others may access. */
    public static String read(Path file) {
        try {
            checkPermissions(file);
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < MIN_LENGTH) {
                throw new TokenFileException("token file '" + file + "' holds " + token.length()
                        + " characters; a token needs at least " + MIN_LENGTH + " (delete the file to get a new one)");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new TokenFileException("token file '" + file + "' does not exist; launchguard creates it when it starts", e);
        } catch (IOException e) {
            throw new TokenFileException("token file '" + file + "' could not be read: " + e, e);
        }
    }

    private static void checkPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: no modes to check
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().anyMatch(FOREIGN::contains)) {
            throw new TokenFileException("token file '" + file + "' is accessible by group or others (mode "
                    + mode(permissions) + "); run: chmod 600 " + file);
        }
    }

    private static void create(Path file, SecureRandom random) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            }
            // Written in full under a temporary name, then moved: no reader ever sees a half-written token.
            Path temporary = Files.createTempFile(parent, ".token", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.writeString(temporary, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException raced) {
                // Another instance created it first; its token wins.
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new TokenFileException("token file '" + file + "' could not be created: " + e, e);
        }
    }

    /** The octal mode of a permission set, as ls and chmod show it ({@code 0644}). */
    static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }
}
