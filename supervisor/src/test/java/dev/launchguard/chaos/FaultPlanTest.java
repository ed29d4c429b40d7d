package dev.launchguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultPlanTest {

    private static final String MODEL = "com.example.model";
    private static final String WEB = "com.example.web";

    @TempDir
    Path dir;

    private static Map<String, List<Fault>> fleet() {
        Map<String, List<Fault>> targets = new LinkedHashMap<>();
        targets.put(MODEL, Fault.jobFaults());
        targets.put(WEB, List.of(Fault.KILL, Fault.WEDGE));
        targets.put(FaultPlan.LAUNCHGUARD, List.of(Fault.SUPERVISOR_KILL));
        return targets;
    }

    private static List<FaultPlan.Step> draw(FaultPlan plan, int n) {
        List<FaultPlan.Step> steps = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> steps.add(plan.next()));
        return steps;
    }

    @Test
    void theSameSeedGivesTheSameCampaignAndAnotherSeedADifferentOne() {
        List<FaultPlan.Step> first = draw(FaultPlan.random(42, fleet()), 200);

        assertThat(draw(FaultPlan.random(42, fleet()), 200)).isEqualTo(first);
        assertThat(draw(FaultPlan.random(43, fleet()), 200)).isNotEqualTo(first);
    }

    @Test
    void everyTargetIsDrawnAboutEquallyAndOnlyWithFaultsItTakes() {
        List<FaultPlan.Step> steps = draw(FaultPlan.random(7, fleet()), 3000);

        Map<String, Long> perTarget = new LinkedHashMap<>();
        steps.forEach(s -> perTarget.merge(s.label(), 1L, Long::sum));
        assertThat(perTarget.values()).allSatisfy(n -> assertThat(n).isBetween(900L, 1100L));
        assertThat(steps).allSatisfy(s -> assertThat(fleet().get(s.label())).contains(s.fault()));
        assertThat(steps.stream().filter(s -> s.label().equals(MODEL)).map(FaultPlan.Step::fault).distinct())
                .containsExactlyInAnyOrderElementsOf(Fault.jobFaults());
        assertThat(FaultPlan.random(7, fleet()).order()).isEqualTo("random");
        assertThat(FaultPlan.random(7, fleet()).seed()).hasValue(7);
    }

    @Test
    void aTargetThatTakesNoFaultIsLeftOutAndNoTargetAtAllIsAnError() {
        Map<String, List<Fault>> targets = Map.of(WEB, List.of(), MODEL, List.of(Fault.DEADLOCK));

        assertThat(draw(FaultPlan.random(1, targets), 50)).extracting(FaultPlan.Step::label).containsOnly(MODEL);
        assertThatThrownBy(() -> FaultPlan.random(1, Map.of(WEB, List.of())))
                .hasMessage("no target takes any of the faults asked for");
    }

    @Test
    void aScriptRunsInOrderAndRepeats() throws Exception {
        Path script = Files.writeString(dir.resolve("plan.txt"), """
                # warm up with a crash, then a wedge
                com.example.web kill
                com.example.model   deadlock   # the inference threads
                launchguard supervisor-kill
                """);

        FaultPlan plan = FaultPlan.scripted(FaultPlan.readScript(script, fleet()));

        assertThat(draw(plan, 4)).containsExactly(new FaultPlan.Step(WEB, Fault.KILL),
                new FaultPlan.Step(MODEL, Fault.DEADLOCK), new FaultPlan.Step(FaultPlan.LAUNCHGUARD, Fault.SUPERVISOR_KILL),
                new FaultPlan.Step(WEB, Fault.KILL));
        assertThat(plan.order()).isEqualTo("scripted");
        assertThat(plan.seed()).isEmpty();
    }

    @Test
    void aScriptLineThatIsNotLabelAndFaultNamesItsLine() throws Exception {
        Path script = Files.writeString(dir.resolve("plan.txt"), "com.example.web kill\n\ncom.example.web\n");

        assertThatThrownBy(() -> FaultPlan.readScript(script, fleet())).hasMessage(script
                + ":3: 'com.example.web' must be LABEL FAULT, e.g. 'com.example.model kill'");
    }

    @Test
    void aMisspelledFaultInAScriptGetsADidYouMean() throws Exception {
        Path script = Files.writeString(dir.resolve("plan.txt"), "com.example.web wedeg\n");

        assertThatThrownBy(() -> FaultPlan.readScript(script, fleet())).hasMessage(script
                + ":1: fault 'wedeg' is unknown (did you mean 'wedge'?): one of kill, wedge, kill-child, wedge-child, "
                + "deadlock, poison, leak, exit, supervisor-kill");
    }

    @Test
    void aScriptMayNotGiveATargetAFaultItDoesNotTake() throws Exception {
        Path unknown = Files.writeString(dir.resolve("a.txt"), "com.example.db kill\n");
        Path wrong = Files.writeString(dir.resolve("b.txt"), "com.example.web leak\n");

        assertThatThrownBy(() -> FaultPlan.readScript(unknown, fleet())).hasMessage(unknown
                + ":1: target 'com.example.db' is not in the campaign: one of com.example.model, com.example.web, launchguard");
        assertThatThrownBy(() -> FaultPlan.readScript(wrong, fleet())).hasMessage(wrong
                + ":1: target 'com.example.web' does not take fault 'leak': it takes kill, wedge");
    }

    @Test
    void anEmptyScriptIsRefused() throws Exception {
        Path script = Files.writeString(dir.resolve("plan.txt"), "# nothing yet\n");

        assertThatThrownBy(() -> FaultPlan.scripted(FaultPlan.readScript(script, fleet())))
                .hasMessage("the script has no step");
    }
}
