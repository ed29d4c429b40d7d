package dev.launchguard.snapshot;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides what looks like a secret in text a snapshot keeps (command lines, log tails, thread dumps):
 * the value after a key-, token-, secret- or password-like name, a bearer credential, the password
 * in a URL, and the common API-key shapes. It errs towards hiding: a false positive costs a value
 * in a post-mortem, a false negative leaks a credential into a file an operator may paste.
 */
public final class Redactor {

    public static final String MARK = "[REDACTED]";

    /**
     * A secret-like name: the word ends in key, token, secret, password, passwd, pwd or credential(s),
     * as a word of its own (api_key, X-Api-Key, client.secret) or a camelCase tail (apiKey,
     * authToken); max_tokens, keyboard or monkey are not names of secrets.
     */
    private static final String NAME = "[A-Za-z0-9_.-]*?(?:(?<![A-Za-z])(?i:api[_-]?key|key|token|secret|password"
            + "|passwd|pwd|credentials?|auth)|(?<=[a-z0-9])(?:Key|Token|Secret|Password|Credentials?))(?![A-Za-z])";
    /** {@code name=value}, {@code name: value}, {@code "name": "value"}. */
    private static final Pattern ASSIGNED = Pattern.compile("(" + NAME + ")(\"?\\s*[=:]\\s*\"?)([^\\s\"',;&}]+)");
    /** {@code --password value}: a command-line option whose next word is the secret. */
    private static final Pattern OPTION = Pattern.compile("(--?" + NAME + ")(\\s+)([^\\s-][^\\s]*)");
    /** An HTTP credential in a header or a log line. */
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic|Token)(\\s+)([A-Za-z0-9._~+/=-]{8,})");
    /** The password of {@code scheme://user:password@host}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+)(:)([^/\\s@]+)(?=@)");
    /** Key shapes worth hiding wherever they stand: AWS, GitHub, OpenAI-style, Slack, Google, JWT. */
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,}\\b"),
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\bxox[abpr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\\z)"));

    private Redactor() {
    }

    /** {@code text} with every secret-looking value replaced by {@link #MARK}. */
    public static String redact(String text) {
        String out = text;
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll(MARK);
        }
        out = keepName(SCHEME, out);
        out = keepName(URL_PASSWORD, out);
        out = keepName(OPTION, out);
        return keepName(ASSIGNED, out);
    }

    /** Replaces group 3 of each match, keeping the name and separator (groups 1 and 2). */
    private static String keepName(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(3).equals(MARK) || m.group(3).startsWith(MARK) ? m.group(3) : MARK;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
