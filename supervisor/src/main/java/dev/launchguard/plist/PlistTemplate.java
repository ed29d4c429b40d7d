package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * launchguard's plist templates (launchd/*.plist): plists whose strings carry install-time
 * placeholders such as {@code @JAVA@} and {@code @STATE@}, which {@code launchd/install.sh} and
 * {@code launchguard demo} replace with this machine's paths. Linted as a template, each
 * placeholder is replaced by a representative value of the same kind (an absolute path where
 * install.sh writes one), so what is left to find is what the rendered plist would have wrong.
 */
final class PlistTemplate {

    /**
     * Every placeholder install.sh's {@code render} fills in, with a value like the one it writes on
     * a Mac: {@code @JAVA@} is {@code $JAVA_HOME/bin/java}, {@code @STATE@} the demo fleet's folder
     * {@code ~/.launchguard/fleet}, {@code @LOGS@} {@code ~/Library/Logs/launchguard}. The two that
     * only launchguard.yaml carries ({@code @HOST_BUDGET@}, {@code @STORM@}) are YAML comments, never
     * a plist value, so they are not here.
     */
    static final Map<String, String> PLACEHOLDERS = placeholders();

    /** An install placeholder's shape: {@code @}, capitals, digits or underscores, {@code @}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z][A-Z0-9_]*@");

    private PlistTemplate() {
    }

    private static Map<String, String> placeholders() {
        String home = "/Users/you";
        String javaHome = "/Library/Java/JavaVirtualMachines/jdk-17.jdk/Contents/Home";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@JAVA@", javaHome + "/bin/java");
        values.put("@JAVA_HOME@", javaHome);
        values.put("@PYTHON@", "/usr/bin/python3");
        values.put("@LAUNCHGUARD_HOME@", home + "/launchguard");
        values.put("@STATE_DIR@", home + "/.launchguard");
        values.put("@STATE@", home + "/.launchguard/fleet");
        values.put("@LOGS@", home + "/Library/Logs/launchguard");
        values.put("@PORT@", "9470");
        return Collections.unmodifiableMap(values);
    }

    /**
     * Replaces every install placeholder in the strings of {@code root} (at any depth) with its
     * representative value, in place; a placeholder install.sh does not fill in is an error at its
     * key path (it would reach launchd as it is). Returns each rendered string's template text by
     * key path, so a finding on it can quote what the template says.
     */
    static Map<String, String> render(NSDictionary root, Findings findings) {
        Map<String, String> templates = new LinkedHashMap<>();
        walk(root, "", (path, string) -> {
            Matcher m = PLACEHOLDER.matcher(string.getContent());
            StringBuilder rendered = new StringBuilder();
            while (m.find()) {
                String value = PLACEHOLDERS.get(m.group());
                if (value == null) {
                    findings.error(path, "\"" + m.group() + "\" is not an install placeholder (install.sh would leave it "
                            + "as it is)" + Suggestions.didYouMean(m.group(), PLACEHOLDERS.keySet()) + "; allowed: "
                            + String.join(", ", PLACEHOLDERS.keySet()));
                    value = m.group();
                }
                m.appendReplacement(rendered, Matcher.quoteReplacement(value));
            }
            m.appendTail(rendered);
            if (!rendered.toString().equals(string.getContent())) {
                templates.put(path, string.getContent());
                string.setContent(rendered.toString());
            }
        });
        return templates;
    }

    /** The install placeholders that occur in the strings of {@code root}, sorted; empty for a plist that is not a template. */
    static Set<String> placeholdersIn(NSDictionary root) {
        Set<String> found = new TreeSet<>();
        walk(root, "", (path, string) -> {
            Matcher m = PLACEHOLDER.matcher(string.getContent());
            while (m.find()) {
                if (PLACEHOLDERS.containsKey(m.group())) {
                    found.add(m.group());
                }
            }
        });
        return found;
    }

    /** What {@link #walk} does with each string: its key path and the string. */
    private interface StringVisitor {
        void visit(String path, NSString string);
    }

    /** Every string value under {@code value} with its key path ({@code ProgramArguments[0]}, {@code EnvironmentVariables.HOME}). */
    private static void walk(NSObject value, String path, StringVisitor visitor) {
        if (value instanceof NSString s) {
            visitor.visit(path, s);
        } else if (value instanceof NSArray a) {
            for (int i = 0; i < a.count(); i++) {
                walk(a.objectAtIndex(i), path + "[" + i + "]", visitor);
            }
        } else if (value instanceof NSDictionary d) {
            d.forEach((key, child) -> walk(child, path.isEmpty() ? key : path + "." + key, visitor));
        }
    }
}
