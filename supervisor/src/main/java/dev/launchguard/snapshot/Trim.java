package dev.launchguard.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a snapshot to its size cap: the longest texts (thread dump, log tails, listings) lose their
 * middle first, keeping a head and a tail (a JVM's deadlock report ends its dump, a log's latest
 * lines end it), until the whole fits; the snapshot then says it was trimmed.
 */
final class Trim {

    /** Below this a text is not worth halving again. */
    private static final int MIN_TEXT = 1024;

    private Trim() {
    }

    static byte[] toCap(ObjectNode snapshot, int cap, ObjectMapper json) throws JsonProcessingException {
        byte[] bytes = json.writeValueAsBytes(snapshot);
        boolean trimmed = false;
        while (bytes.length > cap) {
            List<ObjectNode> holders = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            texts(snapshot, holders, keys);
            int longest = -1;
            for (int i = 0; i < holders.size(); i++) {
                int len = holders.get(i).get(keys.get(i)).asText().length();
                if (len > MIN_TEXT && (longest < 0 || len > holders.get(longest).get(keys.get(longest)).asText().length())) {
                    longest = i;
                }
            }
            if (longest < 0) {
                break;
            }
            String text = holders.get(longest).get(keys.get(longest)).asText();
            int excess = bytes.length - cap;
            int keep = Math.max(MIN_TEXT / 4, (text.length() - excess) / 2 - 64);
            holders.get(longest).put(keys.get(longest), text.substring(0, keep) + "\n[... "
                    + (text.length() - 2 * keep) + " characters trimmed to the snapshot's size cap ...]\n"
                    + text.substring(text.length() - keep));
            trimmed = true;
            bytes = json.writeValueAsBytes(snapshot);
        }
        if (trimmed) {
            ((ArrayNode) snapshot.withArray("notes")).add("trimmed to the " + cap + "-byte size cap (snapshot.maxBytes)");
            bytes = json.writeValueAsBytes(snapshot);
        }
        return bytes;
    }

    /** Every text field of the snapshot's objects, as (holder, key). */
    private static void texts(JsonNode node, List<ObjectNode> holders, List<String> keys) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    holders.add(o);
                    keys.add(e.getKey());
                } else {
                    texts(e.getValue(), holders, keys);
                }
            });
        }
    }
}
