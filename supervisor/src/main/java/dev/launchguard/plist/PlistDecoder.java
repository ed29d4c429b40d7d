package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a plist's root dictionary into a {@link LaunchdJob}, checking the type of every modelled
 * key. A wrong type goes to {@link Problems} naming the key and what launchd accepts, and the
 * value is left out; unmodelled keys are kept verbatim.
 */
final class PlistDecoder {

    private final NSDictionary root;
    private final Problems problems;

    private PlistDecoder(NSDictionary root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    static LaunchdJob decode(NSDictionary root, Problems problems) {
        return new PlistDecoder(root, problems).job();
    }

    private LaunchdJob job() {
        Optional<String> label = string("Label");
        if (!root.containsKey("Label")) {
            problems.report("Label", "is missing; launchd requires a Label naming the job uniquely, "
                    + "in reverse-DNS form such as com.example.web");
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Map.Entry<String, NSObject> e : root.entrySet()) {
            if (!PlistKeys.MODELLED.contains(e.getKey())) {
                try {
                    extras.put(e.getKey(), PlistValues.toJava(e.getValue()));
                } catch (IllegalArgumentException unsupported) {
                    problems.report(e.getKey(), unsupported.getMessage());
                }
            }
        }
        return new LaunchdJob(label.orElse(""), string("Program"), stringList("ProgramArguments"), keepAlive(),
                bool("RunAtLoad"), seconds("StartInterval"), new CalendarDecoder(this).decode(root),
                seconds("ThrottleInterval"), seconds("ExitTimeOut"), path("WorkingDirectory"),
                stringMap("EnvironmentVariables"), path("StandardOutPath"),
                path("StandardErrorPath"), bool("Disabled"), bool("AbandonProcessGroup"),
                string("ProcessType"), sessionTypes(), string("UserName"), string("GroupName"), integer("Nice"),
                umask(), limits("SoftResourceLimits"), limits("HardResourceLimits"), extras);
    }

    private Optional<String> string(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof NSString) {
            return Optional.of(((NSString) v).getContent());
        }
        return wrongType(key, ValueType.STRING.words(), v, Optional.empty());
    }

    /** A string that names a file; one no file system can hold (a NUL byte in it) is reported, not thrown. */
    private Optional<Path> path(String key) {
        Optional<String> value = string(key);
        if (value.isPresent() && value.get().indexOf('\0') >= 0) {
            problems.report(key, "holds a NUL character; allowed: a path, which can never hold one");
            return Optional.empty();
        }
        return value.map(Path::of);
    }

    private boolean bool(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return false;
        }
        if (ValueType.BOOLEAN.matches(v)) {
            return ((NSNumber) v).boolValue();
        }
        return wrongType(key, ValueType.BOOLEAN.words(), v, false);
    }

    OptionalInt integer(String keyPath, NSObject v) {
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isInteger()) {
            long value = ((NSNumber) v).longValue();
            if (value == (int) value) {
                return OptionalInt.of((int) value);
            }
        }
        return wrongType(keyPath, "an integer", v, OptionalInt.empty());
    }

    private OptionalInt integer(String key) {
        return integer(key, root.get(key));
    }

    private Optional<Duration> seconds(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isInteger()) {
            return Optional.of(Duration.ofSeconds(((NSNumber) v).longValue()));
        }
        return wrongType(key, "an integer number of seconds", v, Optional.empty());
    }

    /**
     * Umask: an integer in decimal, or (since macOS 10.12's launchd) a string read as strtoul(3)
     * does, so "022" is octal (launchd.plist(5)).
     */
    private OptionalInt umask() {
        NSObject v = root.get("Umask");
        if (!(v instanceof NSString)) {
            return integer("Umask");
        }
        String text = ((NSString) v).getContent().trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return OptionalInt.of(Integer.parseInt(text.substring(2), 16));
            }
            return OptionalInt.of(text.startsWith("0") ? Integer.parseInt(text, 8) : Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return wrongType("Umask", "an integer or a string of digits such as \"022\"", v, OptionalInt.empty());
        }
    }

    private List<String> stringList(String key) {
        return stringList(key, root.get(key));
    }

    private List<String> stringList(String key, NSObject v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof NSArray)) {
            return wrongType(key, ValueType.STRINGS.words(), v, List.of());
        }
        List<String> out = new ArrayList<>();
        NSObject[] items = ((NSArray) v).getArray();
        for (int i = 0; i < items.length; i++) {
            if (items[i] instanceof NSString) {
                out.add(((NSString) items[i]).getContent());
            } else {
                problems.report(key + "[" + i + "]", "expected a string, got " + PlistValues.describe(items[i]));
            }
        }
        return out;
    }

    private Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        dictionary(key, root.get(key)).forEach((name, v) -> {
            if (v instanceof NSString) {
                out.put(name, ((NSString) v).getContent());
            } else {
                problems.report(key + "." + name, "expected a string, got " + PlistValues.describe(v));
            }
        });
        return out;
    }

    private Map<String, Long> limits(String key) {
        Map<String, Long> out = new LinkedHashMap<>();
        dictionary(key, root.get(key)).forEach((name, v) -> {
            if (v instanceof NSNumber && ((NSNumber) v).isInteger()) {
                out.put(name, ((NSNumber) v).longValue());
            } else {
                problems.report(key + "." + name, "expected an integer, got " + PlistValues.describe(v));
            }
        });
        return out;
    }

    NSDictionary dictionary(String keyPath, NSObject v) {
        if (v == null) {
            return new NSDictionary();
        }
        if (v instanceof NSDictionary) {
            return (NSDictionary) v;
        }
        return wrongType(keyPath, ValueType.DICTIONARY.words(), v, new NSDictionary());
    }

    private KeepAlive keepAlive() {
        NSObject v = root.get("KeepAlive");
        if (v == null) {
            return KeepAlive.never();
        }
        if (ValueType.BOOLEAN.matches(v)) {
            return ((NSNumber) v).boolValue() ? KeepAlive.forever() : KeepAlive.never();
        }
        if (!(v instanceof NSDictionary)) {
            return wrongType("KeepAlive", "a boolean (<true/> or <false/>) or a dictionary of conditions", v,
                    KeepAlive.never());
        }
        NSDictionary dict = (NSDictionary) v;
        Map<String, Object> others = new LinkedHashMap<>();
        dict.forEach((k, item) -> {
            if (!List.of("SuccessfulExit", "Crashed", "PathState", "OtherJobEnabled").contains(k)) {
                others.put(k, PlistValues.toJava(item));
            }
        });
        return KeepAlive.conditions(optionalBool(dict, "KeepAlive.SuccessfulExit", "SuccessfulExit"),
                optionalBool(dict, "KeepAlive.Crashed", "Crashed"),
                boolMap(dict, "KeepAlive.PathState", "PathState"),
                boolMap(dict, "KeepAlive.OtherJobEnabled", "OtherJobEnabled"), others);
    }

    private Optional<Boolean> optionalBool(NSDictionary dict, String path, String key) {
        NSObject v = dict.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (ValueType.BOOLEAN.matches(v)) {
            return Optional.of(((NSNumber) v).boolValue());
        }
        return wrongType(path, ValueType.BOOLEAN.words(), v, Optional.empty());
    }

    private Map<String, Boolean> boolMap(NSDictionary parent, String path, String key) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        dictionary(path, parent.get(key)).forEach((name, v) -> {
            if (ValueType.BOOLEAN.matches(v)) {
                out.put(name, ((NSNumber) v).boolValue());
            } else {
                problems.report(path + "." + name, "expected " + ValueType.BOOLEAN.words() + ", got "
                        + PlistValues.describe(v));
            }
        });
        return out;
    }

    private List<String> sessionTypes() {
        NSObject v = root.get("LimitLoadToSessionType");
        if (v == null) {
            return List.of();
        }
        if (v instanceof NSString) {
            return List.of(((NSString) v).getContent());
        }
        if (v instanceof NSArray) {
            return stringList("LimitLoadToSessionType", v);
        }
        return wrongType("LimitLoadToSessionType", "a string or an array of strings", v, List.of());
    }

    /** Reports a wrong type and returns {@code fallback}, so linting carries on without the value. */
    <T> T wrongType(String keyPath, String expected, NSObject actual, T fallback) {
        problems.report(keyPath, "expected " + expected + ", got " + PlistValues.describe(actual));
        return fallback;
    }

    void report(String keyPath, String problem) {
        problems.report(keyPath, problem);
    }
}
