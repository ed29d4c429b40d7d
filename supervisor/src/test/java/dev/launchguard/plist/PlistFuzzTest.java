package dev.launchguard.plist;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.launchguard.testing.Refusals;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The plist decoder on any bytes that look like XML (or old-style ASCII): a job, or a
 * {@link PlistException} in one line naming the source; never another exception, a stack
 * overflow or an exhausted heap. Seeds: src/test/resources/dev/launchguard/plist/PlistFuzzTestInputs.
 */
class PlistFuzzTest {

    private static final String SOURCE = "fuzz.plist";

    @FuzzTest(maxDuration = "10s")
    void xmlPlists(byte[] bytes) {
        decode(bytes);
    }

    /** Shared with {@link BinaryPlistFuzzTest}: decode, then lint what decoded. */
    static void decode(byte[] bytes) {
        LaunchdJob job;
        try {
            job = Plists.parse(bytes, SOURCE);
        } catch (PlistException e) {
            Refusals.oneLine(e, SOURCE);
            return;
        }
        if (PlistLinter.check(job, SOURCE).stream().anyMatch(LintFinding::isError)) {
            return; // the engine refuses it; nothing writes it back
        }
        // What decoded and lints clean writes back as XML and reads again as the same job, or the writer refuses it
        // in one line (a value XML cannot carry): it never writes a file nothing can read. (Not
        // through dd-plist's binary writer: Jazzer's hook on Map.containsKey compares its keys
        // across value types, and dd-plist's compareTo throws on that, a finding of the hook.)
        String xml;
        try {
            xml = Plists.toXml(job);
        } catch (PlistException e) {
            Refusals.oneLine(e, job.label());
            return;
        }
        LaunchdJob again = Plists.parse(xml.getBytes(StandardCharsets.UTF_8), SOURCE);
        // Every key launchguard models survives exactly. Keys it does not model are carried as they
        // are, except that an XML date has whole seconds where a binary one has fractions: so those
        // are held to the written file being stable, read and written again.
        for (RecordComponent component : LaunchdJob.class.getRecordComponents()) {
            if (!component.getName().equals("extraKeys") && !Objects.equals(value(component, job), value(component, again))) {
                throw new AssertionError(component.getName() + " does not survive an XML round trip: "
                        + value(component, job) + " became " + value(component, again));
            }
        }
        if (!Plists.toXml(again).equals(xml)) {
            throw new AssertionError("the XML written changes when it is read and written again: " + xml);
        }
    }

    private static Object value(RecordComponent component, LaunchdJob job) {
        try {
            return component.getAccessor().invoke(job);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
