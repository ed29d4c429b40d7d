package dev.launchguard.adopt;

import dev.launchguard.duration.DurationSyntax;
import java.util.ArrayList;
import java.util.List;

/** One line per proposal for the summary table and the list of changes. */
final class ProbeText {

    private ProbeText() {
    }

    /** e.g. {@code liveness POST http://127.0.0.1:8081/v1/embeddings every 10s; startup budget 2m}. */
    static String summary(Proposal proposal) {
        List<String> parts = new ArrayList<>();
        proposal.liveness().ifPresent(p -> parts.add("liveness " + probe(p)));
        proposal.readiness().ifPresent(p -> parts.add("readiness " + probe(p)));
        proposal.startup().ifPresent(p -> parts.add("startup " + probe(p)
                + proposal.startupBudget().map(b -> " within " + DurationSyntax.text(b)).orElse("")));
        return parts.isEmpty() ? "no probe" : String.join("; ", parts);
    }

    /** The probe's kind for the table: {@code inference}, {@code http GET /}, {@code tcp}. */
    static String kind(Proposal proposal) {
        return proposal.liveness().map(p -> {
            if (p.kind().equals("tcp")) {
                return "tcp";
            }
            String method = p.method().orElse("GET");
            return method.equals("POST") ? "inference (POST)" : "http " + method;
        }).orElse("-");
    }

    private static String probe(ProposedProbe p) {
        String method = p.kind().equals("tcp") ? "tcp" : p.method().orElse("GET");
        return method + " " + p.target() + p.interval().map(i -> " every " + DurationSyntax.text(i)).orElse("")
                + p.expectStatus().stream().mapToObj(s -> " expecting " + s).findFirst().orElse("");
    }
}
