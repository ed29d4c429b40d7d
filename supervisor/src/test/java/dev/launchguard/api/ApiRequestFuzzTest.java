package dev.launchguard.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.launchguard.health.HealthState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The API's request handling (codec, limits, host check, token, router) on any bytes from a
 * client: no exception escapes the pipeline, every answer is a well-formed HTTP status line, and
 * without the token no job is kickstarted, disabled or enabled.
 */
class ApiRequestFuzzTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 [1-5]\\d\\d [^\r\n]*\r\n(?s).*");

    @FuzzTest(maxDuration = "10s")
    void requests(byte[] bytes) {
        InMemoryFleet fleet = new InMemoryFleet()
                .add(InMemoryFleet.job("com.example.web", HealthState.READY, OptionalLong.of(12)));
        EmbeddedChannel channel = new EmbeddedChannel();
        ApiInitializer.configure(channel.pipeline(), new ApiRouter(fleet, ApiRouterTest.TOKEN), Duration.ofSeconds(10));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes));
            channel.runPendingTasks();
            channel.checkException();
            StringBuilder out = new StringBuilder();
            ByteBuf buf;
            while ((buf = channel.readOutbound()) != null) {
                out.append(buf.toString(StandardCharsets.ISO_8859_1));
                buf.release();
            }
            if (out.length() > 0 && !STATUS_LINE.matcher(out).matches()) {
                throw new AssertionError("an answer that does not start with a status line: " + out);
            }
            boolean hasToken = new String(bytes, StandardCharsets.ISO_8859_1).contains(ApiRouterTest.TOKEN);
            if (!hasToken && !(fleet.kickstarted().isEmpty() && fleet.disabled().isEmpty() && fleet.enabled().isEmpty()
                    && fleet.reset().isEmpty())) {
                throw new AssertionError("a change without the token: kickstarted " + fleet.kickstarted() + ", disabled "
                        + fleet.disabled() + ", enabled " + fleet.enabled() + ", reset " + fleet.reset());
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
