package dev.launchguard.probe;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Judges one HTTP response: the status first, then (only when a body match is asked for) the body,
 * read no further than {@link HttpProbe#MAX_BODY_BYTES}. One instance per attempt.
 */
final class HttpProbeHandler extends SimpleChannelInboundHandler<HttpObject> {

    private final ProbeSpec.Http spec;
    private final Attempt attempt;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    HttpProbeHandler(ProbeSpec.Http spec, Attempt attempt) {
        this.spec = spec;
        this.attempt = attempt;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (attempt.done()) {
            return;
        }
        if (msg.decoderResult().isFailure()) {
            finish(Outcome.ERROR, "malformed response: " + msg.decoderResult().cause().getMessage());
            return;
        }
        if (msg instanceof HttpResponse) {
            onStatus(((HttpResponse) msg).status().code());
        }
        if (msg instanceof HttpContent && !attempt.done()) {
            onBody(((HttpContent) msg).content(), msg instanceof LastHttpContent);
        }
    }

    private void onStatus(int code) {
        attempt.sawStatus(code);
        if (code != spec.expectedStatus()) {
            finish(Outcome.DOWN, "status " + code + ", expected " + spec.expectedStatus());
        } else if (spec.bodyContains().isEmpty()) {
            // Nothing to match in the body: the status is the verdict, no need to read on.
            finish(Outcome.UP, "status " + code);
        }
    }

    private void onBody(ByteBuf content, boolean last) {
        int room = HttpProbe.MAX_BODY_BYTES - body.size();
        int take = Math.min(room, content.readableBytes());
        byte[] chunk = new byte[take];
        content.getBytes(content.readerIndex(), chunk);
        body.write(chunk, 0, take);
        String needle = spec.bodyContains().orElseThrow();
        if (body.toString(StandardCharsets.UTF_8).contains(needle)) {
            finish(Outcome.UP, "status " + attempt.status().orElse(0) + ", body matches");
        } else if (last || body.size() >= HttpProbe.MAX_BODY_BYTES) {
            finish(Outcome.DOWN, "body does not contain '" + needle + "' in its first " + body.size() + " bytes");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent && ((SslHandshakeCompletionEvent) evt).isSuccess()) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            attempt.sawTls(ssl == null ? Optional.empty() : details(ssl.engine().getSession()));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        finish(Outcome.ERROR, "connection closed before a complete answer");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        attempt.failed("", cause);
    }

    private void finish(Outcome outcome, String detail) {
        attempt.finish(outcome, detail);
    }

    static Optional<TlsDetails> details(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            return Optional.empty();
        }
        X509Certificate leaf = (X509Certificate) chain[0];
        Instant earliest = leaf.getNotAfter().toInstant();
        for (Certificate c : chain) {
            if (c instanceof X509Certificate) {
                Instant notAfter = ((X509Certificate) c).getNotAfter().toInstant();
                earliest = notAfter.isBefore(earliest) ? notAfter : earliest;
            }
        }
        return Optional.of(new TlsDetails(leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getNotAfter().toInstant(), earliest,
                session.getProtocol()));
    }
}
