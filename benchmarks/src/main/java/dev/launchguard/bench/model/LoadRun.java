package dev.launchguard.bench.model;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code concurrency} client threads, each with its own keep-alive connection,
 * send one {@code POST /v1/embeddings} after another for a fixed time.
 */
final class LoadRun {

    /** One sentence of typical length, the same every time so runs compare. */
    static final String BODY = "{\"model\":\"all-minilm-l6-v2\",\"input\":"
            + "\"The supervisor restarts a model server that stopped answering its health probes.\"}";

    record Result(int concurrency, Duration measured, Samples latencies, long errors) {

        double throughputPerSecond() {
            return latencies.count() / (measured.toNanos() / 1e9);
        }
    }

    private LoadRun() {
    }

    /** Runs {@code warm} unmeasured, then {@code measure} measured. */
    static Result run(ServerUnderTest server, int concurrency, Duration warm, Duration measure)
            throws InterruptedException {
        drive(server, concurrency, warm);
        return drive(server, concurrency, measure);
    }

    private static Result drive(ServerUnderTest server, int concurrency, Duration length) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread client = new Thread(() -> loop(server, end, latencies, errors), "load-" + i);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        return new Result(concurrency, length, Samples.of(latencies), errors.get());
    }

    private static void loop(ServerUnderTest server, long endNanos, List<Long> latencies, AtomicLong errors) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/embeddings")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        List<Long> mine = new ArrayList<>();
        while (System.nanoTime() < endNanos) {
            long start = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    mine.add(System.nanoTime() - start);
                } else {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        latencies.addAll(mine);
    }
}
