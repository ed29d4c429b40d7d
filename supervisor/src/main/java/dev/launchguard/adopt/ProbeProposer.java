package dev.launchguard.adopt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a job's port findings into proposed probes, every choice with its reason. The best port
 * decides (OpenAI &gt; KServe &gt; Next.js &gt; HTTP &gt; HTTPS &gt; a named protocol &gt; TCP); the others are
 * named in its why.
 */
public final class ProbeProposer {

    /** Said of every TCP probe of a port that is not named: why it is the weakest probe. */
    static final String TCP_BLIND = "a TCP connect is blind to a stopped process: the kernel completes the handshake";

    private ProbeProposer() {
    }

    /**
     * @param processAge how long the job's current process has run, when known
     * @param measuredStart a measured kickstart → ready time ({@code --measure-start}), when known
     */
    public static Proposal propose(String label, List<PortFinding> findings, Optional<Duration> processAge,
            Optional<Duration> measuredStart) {
        List<PortFinding> answering = findings.stream().filter(f -> f.protocol() != Protocol.NO_ANSWER).toList();
        if (answering.isEmpty()) {
            return new Proposal(label, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                    List.of(), Optional.of(nothing(findings)));
        }
        PortFinding best = answering.stream().min(Comparator.comparingInt(ProbeProposer::rank)).orElseThrow();
        List<String> others = answering.stream().filter(f -> f != best)
                .map(f -> f.hostPort() + " (" + kindOf(f) + ")").toList();
        Proposal proposal = new Choice(label, best, processAge, measuredStart).propose();
        if (others.isEmpty()) {
            return proposal;
        }
        String also = "chosen over " + String.join(", ", others) + ": " + kindOf(best) + " is the stronger probe";
        return new Proposal(label, proposal.startup(), proposal.startupBudget(), proposal.budgetWhy(),
                proposal.liveness().map(p -> p.because(List.of(also))), proposal.readiness(), proposal.warnings(),
                proposal.leftOut());
    }

    /** Lower is better: what a probe of this port can tell about the job. */
    static int rank(PortFinding f) {
        if (f.openAi().isPresent()) {
            return 0;
        } else if (f.kserve().isPresent()) {
            return 1;
        } else if (f.nextJs().isPresent()) {
            return 2;
        }
        return switch (f.protocol()) {
            case HTTP -> 3;
            case HTTPS -> 4;
            case REDIS, POSTGRES, MYSQL, SSH, MEMCACHED, MONGODB -> 5;
            case OTHER, TCP_SILENT -> 6;
            case NO_ANSWER -> 7;
        };
    }

    /** {@code an OpenAI-compatible server}, {@code Redis}: what a person calls what answered. */
    static String kindOf(PortFinding f) {
        if (f.openAi().isPresent()) {
            return "an OpenAI-compatible server";
        } else if (f.kserve().isPresent()) {
            return "a KServe v2 server";
        } else if (f.nextJs().isPresent()) {
            return "a Next.js site";
        }
        return switch (f.protocol()) {
            case HTTP -> "HTTP";
            case HTTPS -> "HTTPS";
            case OTHER -> "not HTTP";
            case TCP_SILENT -> "silent TCP";
            case NO_ANSWER -> "no answer";
            default -> f.protocol().displayName();
        };
    }

    private static String nothing(List<PortFinding> findings) {
        if (findings.isEmpty()) {
            return "it listens on no port: nothing to probe";
        }
        List<String> ports = new ArrayList<>();
        for (PortFinding f : findings) {
            String why = f.exchanges().isEmpty() ? "no answer" : f.exchanges().get(0).note();
            ports.add(f.hostPort() + " (" + why + ")");
        }
        return "no port answered: " + String.join(", ", ports);
    }

    /** The proposal for one chosen port. */
    private record Choice(String label, PortFinding port, Optional<Duration> processAge, Optional<Duration> measuredStart) {

        /** A KServe server is ready at 200 on its ready route; an OpenAI-only one once it lists its models. */
        private boolean ready() {
            return port.kserve().map(k -> k.readyStatus() == 200).orElse(true);
        }

        Proposal propose() {
            if (port.openAi().isPresent()) {
                return ModelProbes.openAi(label, port, StartupBudget.of(processAge, measuredStart, ready()));
            } else if (port.kserve().isPresent()) {
                return ModelProbes.kserve(label, port, StartupBudget.of(processAge, measuredStart, ready()));
            } else if (port.nextJs().isPresent()) {
                return only(nextJs());
            } else if (port.protocol() == Protocol.HTTP || port.protocol() == Protocol.HTTPS) {
                return http();
            } else if (port.protocol().named()) {
                String name = port.protocol().displayName();
                return only(ProposedProbe.tcp(port.hostPort(), List.of(name + " on " + port.port()
                        + ": TCP probe; launchguard does not speak " + name, connectLine())));
            }
            ProposedProbe tcp = ProposedProbe.tcp(port.hostPort(), List.of(kindOf(port) + " on " + port.port()
                    + ": TCP probe, nothing better answered", connectLine()));
            return new Proposal(label, Optional.empty(), Optional.empty(), List.of(), Optional.of(tcp), Optional.empty(),
                    List.of(TCP_BLIND), Optional.empty());
        }

        private ProposedProbe nextJs() {
            NextJs site = port.nextJs().orElseThrow();
            String evidence = "a Next.js site (" + site.evidence() + ")";
            if (site.healthPath().isPresent()) {
                String path = site.healthPath().get();
                return HttpTiming.fit(ProposedProbe.get(port.url(path), OptionalInt.empty(), List.of(evidence,
                        port.exchange("GET", path).map(Exchange::line).orElse("GET " + path + " → 200"))),
                        port.exchange("GET", path));
            }
            return answered(List.of(evidence));
        }

        private Proposal http() {
            ProposedProbe probe = answered(List.of(port.protocol().displayName() + " on " + port.port()
                    + ": a GET expecting the status it answered"));
            List<String> warnings = new ArrayList<>();
            if (port.protocol() == Protocol.HTTPS) {
                Tls tls = port.tls().orElse(new Tls(false, Optional.of("the certificate was not seen")));
                if (tls.trusted()) {
                    probe = probe.because(List.of("its certificate is trusted for " + port.host() + ": tlsVerify stays on"));
                } else {
                    probe = probe.verifying(Optional.of(false)).because(List.of("tlsVerify false: the certificate is not "
                            + "trusted (probably self-signed: " + tls.problem().orElse("no reason given")
                            + "); the probe talks to loopback only"));
                    warnings.add("tlsVerify is off for " + probe.target() + ": add its CA to the JVM trust store "
                            + "and remove 'tlsVerify: false' to check the certificate too");
                }
            }
            return new Proposal(label, Optional.empty(), Optional.empty(), List.of(), Optional.of(probe), Optional.empty(),
                    warnings, Optional.empty());
        }

        /**
         * {@code GET /} expecting the status it answered (200 left to the default); the first request that
         * got an HTTP answer when {@code /} was not asked.
         */
        private ProposedProbe answered(List<String> why) {
            Exchange e = port.root().filter(r -> r.status().isPresent())
                    .or(() -> port.exchanges().stream().filter(x -> x.status().isPresent()).findFirst())
                    .orElseThrow(() -> new IllegalArgumentException("port " + port.hostPort() + " is "
                            + port.protocol() + " but no request got an HTTP answer"));
            int status = e.status().getAsInt();
            List<String> lines = new ArrayList<>(why);
            lines.add(e.line());
            if (status / 100 == 3) {
                lines.add("a redirect counts as up: launchguard does not follow it either");
            }
            return HttpTiming.fit(ProposedProbe.get(port.url(e.path()), status == 200 ? OptionalInt.empty()
                    : OptionalInt.of(status), lines), Optional.of(e));
        }

        private String connectLine() {
            return port.exchanges().isEmpty() ? "connected" : port.exchanges().get(0).line();
        }

        private Proposal only(ProposedProbe liveness) {
            return new Proposal(label, Optional.empty(), Optional.empty(), List.of(), Optional.of(liveness),
                    Optional.empty(), List.of(), Optional.empty());
        }
    }
}
