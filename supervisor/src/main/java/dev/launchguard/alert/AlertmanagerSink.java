package dev.launchguard.alert;

import dev.launchguard.config.WatchersConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports launchguard's alerts to Alertmanager's v2 API, to every Alertmanager configured (each of
 * an HA pair). Every send reports the whole {@link AlertBook}: the alerts firing, each ending a few
 * repeats ahead, and those resolved in the last 15 minutes, ended when they resolved. So a send that
 * arrives late or is lost is put right by the next, as Prometheus's own sends are.
 *
 * <p>Threads: a send is started on the dispatcher's executor, at each alert and every
 * {@code repeat}; the POST itself is asynchronous ({@link HttpDelivery}). Per Alertmanager one POST
 * is in flight at a time, and one asked for meanwhile is made when it ends, with the book as it is
 * then: an older state never arrives after a newer one.
 */
final class AlertmanagerSink implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerSink.class);

    private final WatchersConfig.Alertmanager config;
    private final AlertBook book;
    private final Clock clock;
    private final List<Target> targets = new ArrayList<>();
    private volatile String instance;

    AlertmanagerSink(WatchersConfig.Alertmanager config, AlertBook book, ScheduledExecutorService executor,
            Clock clock) {
        this.config = config;
        this.book = book;
        this.clock = clock;
        config.targets().forEach(t -> targets.add(new Target(new HttpDelivery(kind(), t, config.headers().headers(),
                executor))));
        try {
            // At once, then every repeat: after a reload the new Alertmanagers learn what is firing.
            executor.scheduleAtFixedRate(this::repeat, 0, config.repeat().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Alertmanager alerts not repeated: launchguard is stopping");
        }
    }

    @Override
    public void send(Alert alert) {
        targets.forEach(Target::push);
    }

    private void repeat() {
        targets.forEach(Target::push);
    }

    /** The instance label: as configured, else this host's name, looked up once, off the caller's thread. */
    private String instance() {
        String known = instance;
        if (known == null) {
            known = config.instance().orElseGet(AlertmanagerSink::hostName);
            instance = known;
        }
        return known;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The JDK's message starts with the host name it could not resolve ("mac: mac: nodename nor servname").
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            return colon > 0 ? message.substring(0, colon) : "localhost";
        }
    }

    @Override
    public String kind() {
        return "alertmanager";
    }

    /** One Alertmanager: at most one POST in flight, and whether another is wanted after it. */
    private final class Target {

        private final HttpDelivery delivery;
        private boolean inFlight;
        private boolean again;
        private boolean failing;

        Target(HttpDelivery delivery) {
            this.delivery = delivery;
        }

        void push() {
            synchronized (this) {
                if (inFlight) {
                    again = true;
                    return;
                }
                inFlight = true;
            }
            post();
        }

        private void post() {
            List<AlertBook.Entry> entries = book.current(clock.instant());
            if (entries.isEmpty()) {
                settle();
                return;
            }
            byte[] body = AlertmanagerPayload.body(entries, clock.instant(), instance(), config);
            delivery.post(body, "alerts=" + entries.size(), true).whenComplete((delivered, failure) -> {
                outcome(Boolean.TRUE.equals(delivered), entries.size());
                settle();
            });
        }

        /** Ends this POST, or makes the one asked for meanwhile. */
        private void settle() {
            synchronized (this) {
                if (!again) {
                    inFlight = false;
                    return;
                }
                again = false;
            }
            post();
        }

        /** One line when an Alertmanager stops taking alerts and one when it takes them again, not one a minute. */
        private void outcome(boolean delivered, int alerts) {
            boolean was;
            synchronized (this) {
                was = failing;
                failing = !delivered;
            }
            if (!delivered && !was) {
                log.error("Alertmanager did not take launchguard's alerts; sending them again every repeat url={} "
                        + "alerts={} repeatMs={}", delivery.url(), alerts, config.repeat().toMillis());
            } else if (delivered && was) {
                log.info("Alertmanager takes launchguard's alerts again url={} alerts={}", delivery.url(), alerts);
            }
        }
    }
}
