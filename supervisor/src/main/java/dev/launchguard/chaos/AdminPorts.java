package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.client.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which jobs are sample model servers that take injected faults: a job's port (from its plist) whose
 * {@code /admin/fault} acknowledges a no-op fault (a slowdown of 0 ms, which clears any slowdown).
 * A server started without {@code --chaos} answers 404 there and is left to the signal faults.
 */
final class AdminPorts {

    private static final String NO_OP = "{\"mode\":\"slow\",\"latency\":\"0ms\"}";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminPorts() {
    }

    /** Label to admin port, for the jobs among {@code labels} that take model-server faults. */
    static Map<String, Integer> discover(ApiClient api, List<String> labels) throws InterruptedException {
        HttpClient http = client();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String label : labels) {
            try {
                ApiClient.Reply plist = api.get("/api/v1/jobs/" + label + "/plist");
                if (!plist.ok()) {
                    continue;
                }
                for (JsonNode port : JSON.readTree(plist.body()).path("ports")) {
                    if (post(http, port.asInt(), NO_OP).isEmpty()) {
                        found.put(label, port.asInt());
                        break;
                    }
                }
            } catch (ApiClient.UnreachableException | IOException e) {
                // Not a model server as far as the campaign can tell: signal faults only.
            }
        }
        return found;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** POSTs {@code body} to {@code /admin/fault} on a loopback port; empty when the server acknowledged it. */
    static Optional<String> post(HttpClient http, int port, String body) throws InterruptedException {
        URI url = URI.create("http://127.0.0.1:" + port + "/admin/fault");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of(url + " answered " + answer.statusCode() + ": " + answer.body());
        } catch (IOException e) {
            return Optional.of(url + " did not answer: " + e);
        }
    }
}
