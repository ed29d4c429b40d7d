package dev.launchguard.uptime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Asks each uptime target once: follows redirects up to the target's bound, checks status and
 * body, and reads the expiry of every certificate served along the way (SNI is the URL's host).
 *
 * <p>Threads: {@link #run} blocks until every target answered or timed out; targets are asked
 * concurrently on the given executor. Each run uses a fresh HTTP client, so every host's chain is
 * seen by a fresh handshake. One deadline per target covers every hop.
 */
public final class UptimeWatcher {

    private final X509ExtendedTrustManager trust;
    private final Duration certificateWarning;
    private final Executor executor;
    private final Clock clock;
    private final LongSupplier nanos;

    public UptimeWatcher(X509ExtendedTrustManager trust, Duration certificateWarning, Executor executor, Clock clock,
            LongSupplier nanos) {
        this.trust = trust;
        this.certificateWarning = certificateWarning;
        this.executor = executor;
        this.clock = clock;
        this.nanos = nanos;
    }

    /** A watcher trusting the platform's certificate authorities. */
    public static UptimeWatcher withSystemTrust(Duration certificateWarning, Executor executor, Clock clock) {
        return new UptimeWatcher(ChainRecorder.systemTrust(), certificateWarning, executor, clock, System::nanoTime);
    }

    public List<UptimeResult> run(List<UptimeTarget> targets) {
        ChainRecorder recorder = new ChainRecorder(trust);
        HttpClient client = client(recorder);
        List<CompletableFuture<UptimeResult>> pending = new ArrayList<>();
        for (UptimeTarget target : targets) {
            pending.add(CompletableFuture.supplyAsync(() -> ask(client, recorder, target), executor));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private HttpClient client(ChainRecorder recorder) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {recorder}, null);
            // Not the targets' executor: its threads block in send(), and the client needs threads of its own to
            // complete those sends, so sharing them would deadlock once every thread waits on an answer.
            return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    private UptimeResult ask(HttpClient client, ChainRecorder recorder, UptimeTarget target) {
        long start = nanos.getAsLong();
        long deadline = start + target.timeout().toNanos();
        List<String> problems = new ArrayList<>();
        List<X509Certificate> seen = new ArrayList<>();
        URI at = target.url();
        OptionalInt status = OptionalInt.empty();
        boolean up = false;
        try {
            for (int hop = 0; ; hop++) {
                Duration left = Duration.ofNanos(Math.max(1, deadline - nanos.getAsLong()));
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(at).timeout(left).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                chainOf(recorder, at).ifPresent(seen::addAll);
                status = OptionalInt.of(response.statusCode());
                Optional<String> location = response.headers().firstValue("location");
                if (response.statusCode() / 100 == 3 && location.isPresent() && response.statusCode() != target.status()) {
                    if (hop == target.maxRedirects()) {
                        problems.add("more than " + target.maxRedirects() + " redirect(s); the last went to " + location.get());
                        break;
                    }
                    at = at.resolve(location.get());
                    continue;
                }
                up = judge(target, response, problems);
                break;
            }
        } catch (HttpTimeoutException e) {
            chainOf(recorder, at).ifPresent(seen::addAll);
            problems.add("unreachable: no answer from " + at + " within " + target.timeout().toMillis() + " ms");
        } catch (IOException e) {
            chainOf(recorder, at).ifPresent(seen::addAll);
            problems.add("unreachable: " + at + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while asking " + at);
        }
        Duration took = Duration.ofNanos(nanos.getAsLong() - start);
        return new UptimeResult(target.name(), up, status, took, certificates(seen, problems), problems);
    }

    private static Optional<List<X509Certificate>> chainOf(ChainRecorder recorder, URI at) {
        if (!"https".equals(at.getScheme())) {
            return Optional.empty();
        }
        return recorder.chain(at.getHost(), at.getPort() < 0 ? 443 : at.getPort());
    }

    private static boolean judge(UptimeTarget target, HttpResponse<String> response, List<String> problems) {
        if (response.statusCode() != target.status()) {
            problems.add(response.uri() + " answered " + response.statusCode() + ", expected " + target.status());
            return false;
        }
        if (target.body().isPresent() && !response.body().contains(target.body().get())) {
            problems.add(response.uri() + " answered without '" + target.body().get() + "' in its body");
            return false;
        }
        return true;
    }

    /** Adds a problem per certificate expired or expiring within the warning; returns the earliest expiry. */
    private Optional<Instant> certificates(List<X509Certificate> seen, List<String> problems) {
        Instant now = clock.instant();
        Optional<Instant> earliest = Optional.empty();
        for (X509Certificate cert : seen.stream().distinct().toList()) {
            Instant notAfter = cert.getNotAfter().toInstant();
            String subject = "certificate '" + cert.getSubjectX500Principal().getName() + "'";
            if (notAfter.isBefore(now)) {
                problems.add(subject + " expired at " + notAfter);
            } else if (notAfter.isBefore(now.plus(certificateWarning))) {
                problems.add(subject + " expires at " + notAfter + ", within " + certificateWarning.toDays() + " days");
            }
            earliest = earliest.filter(e -> e.isBefore(notAfter)).or(() -> Optional.of(notAfter));
        }
        return earliest;
    }

    private static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = e instanceof SSLHandshakeException ? "TLS handshake failed: " : "";
        return kind + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
}
