package dev.launchguard.api;

import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LogRequest;
import dev.launchguard.fleet.LogUnavailable;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.watch.WatchView;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the HTTP API, free of Netty: a request in, a response out. Reads answer at once
 * from the fleet's snapshots; a mutation (kickstart, disable, enable) answers when the fleet's future
 * completes, so the caller must not block on it.
 *
 * <p>Who may ask: a request whose {@code Host} is not this machine's ({@link HostPolicy}) gets 421
 * before anything else. The job list (the jobs, one job, a job's plist digest), {@code /healthz},
 * {@code /metrics} and the status page are open to any local client; everything else (the watchers'
 * reports, which carry command lines and file contents; a job's logs; evidence to come) and every
 * mutation needs the bearer token.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    static final String JOBS = "/api/v1/jobs";
    private static final String JOB_PREFIX = JOBS + "/";
    private static final String KICKSTART = "kickstart";
    private static final String DISABLE = "disable";
    private static final String ENABLE = "enable";
    private static final String RESET = "reset";
    private static final String PLIST = "plist";
    private static final String LOGS = "logs";
    private static final String SNAPSHOTS = "snapshots";
    /** A snapshot id as the store writes it; anything else is refused before any file is named. */
    private static final java.util.regex.Pattern SNAPSHOT_ID =
            java.util.regex.Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-\\d{1,19}(?:-\\d{1,3})?");
    private static final List<String> ACTIONS = List.of(KICKSTART, DISABLE, ENABLE, RESET);
    /** A job's own status page. */
    private static final String PAGE_PREFIX = "/jobs/";
    /** Where a browser presents the token (HTTP Basic, the token as password) to see evidence. */
    static final String SIGNIN = "/signin";
    static final String BASIC_REALM = "launchguard: any user name, the API token as password";

    private final FleetView fleet;
    private final WatchView watchers;
    private final BearerToken token;
    private final HostPolicy hosts;
    private final PageUsage usage;
    private final java.time.Clock clock;

    public ApiRouter(FleetView fleet, String token) {
        this(fleet, WatchView.NONE, token);
    }

    public ApiRouter(FleetView fleet, WatchView watchers, String token) {
        this(fleet, watchers, token, HostPolicy.loopbackOnly());
    }

    ApiRouter(FleetView fleet, WatchView watchers, String token, HostPolicy hosts) {
        this(fleet, watchers, token, hosts, java.time.Clock.systemUTC());
    }

    /** {@code clock} says "now" on the status pages (how long ago, for how long). */
    ApiRouter(FleetView fleet, WatchView watchers, String token, HostPolicy hosts, java.time.Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.watchers = Objects.requireNonNull(watchers, "watchers");
        this.token = new BearerToken(token);
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.usage = new PageUsage(fleet, System::nanoTime);
    }

    /** Answers one request; the future never completes exceptionally. */
    public CompletableFuture<ApiResponse> route(ApiRequest request) {
        try {
            if (hosts.check(request.host()) == HostPolicy.Verdict.FOREIGN) {
                return done(ApiResponse.error(421, "this launchguard answers requests addressed to "
                        + hosts.describe() + ", not to '" + request.host().orElse("") + "' (set api.hosts in "
                        + "launchguard.yaml to add a name)"));
            }
            return dispatch(request);
        } catch (RuntimeException e) {
            // A snapshot read that throws is a bug in the supervisor; the client gets no stack trace.
            LOG.warn("API request failed: {} {} error={}", request.method(), pathOf(request.uri()), e.toString(), e);
            return done(ApiResponse.error(500, "launchguard failed to answer " + pathOf(request.uri())));
        }
    }

    private CompletableFuture<ApiResponse> dispatch(ApiRequest request) {
        if (!request.uri().startsWith("/")) {
            return done(ApiResponse.error(400, "the request target must be a path starting with '/'"));
        }
        String path = pathOf(request.uri());
        String method = request.method();
        switch (path) {
            case "/":
                return method.equals("GET") ? statusPage(request) : done(notAllowed(method, path, "GET"));
            case PageAssets.CSS_PATH:
            case PageAssets.JS_PATH:
                return get(method, path, () -> PageAssets.answer(path));
            case SIGNIN:
                return get(method, path, () -> signIn(request));
            case "/metrics":
                return get(method, path, () -> ApiResponse.text(200, Metrics.contentType(), fleet.scrape()));
            case "/healthz":
                return get(method, path, () -> fleet.healthy() ? ApiResponse.text(200, ApiResponse.TEXT, "ok\n")
                        : ApiResponse.error(503, "launchguard is not healthy: its probe loops or job manager stalled"));
            case JOBS:
                return get(method, path, () -> ApiResponse.json(200, JobJson.jobs(fleet.jobs())));
            default:
                if (WatchRoutes.PATHS.containsKey(path)) {
                    return guarded(request, "reading " + path,
                            () -> get(method, path, () -> WatchRoutes.answer(path, watchers)));
                }
                if (path.startsWith(PAGE_PREFIX)) {
                    return method.equals("GET") ? jobPage(request, path.substring(PAGE_PREFIX.length()))
                            : done(notAllowed(method, path, "GET"));
                }
                return path.startsWith(JOB_PREFIX) ? jobRoute(request, path) : done(notFound(path));
        }
    }

    private CompletableFuture<ApiResponse> jobRoute(ApiRequest request, String path) {
        List<String> segments = List.of(path.substring(JOB_PREFIX.length()).split("/", -1));
        if (segments.size() == 1) {
            return request.method().equals("GET") ? job(segments.get(0)) : done(notAllowed(request.method(), path, "GET"));
        }
        if (segments.size() == 2 && segments.get(1).equals(LOGS)) {
            return guardedRead(request, "reading a job's logs", () -> request.method().equals("GET")
                    ? logs(segments.get(0), request.uri()) : done(notAllowed(request.method(), path, "GET")));
        }
        if (segments.size() == 2 && segments.get(1).equals(PLIST)) {
            return get(request.method(), path, () -> plist(segments.get(0)));
        }
        if (segments.size() >= 2 && segments.size() <= 3 && segments.get(1).equals(SNAPSHOTS)) {
            return guardedRead(request, "reading a job's snapshots", () -> request.method().equals("GET")
                    ? snapshots(segments.get(0), segments.size() == 3 ? segments.get(2) : null)
                    : done(notAllowed(request.method(), path, "GET")));
        }
        if (segments.size() == 2 && ACTIONS.contains(segments.get(1))) {
            if (!request.method().equals("POST")) {
                return done(notAllowed(request.method(), path, "POST"));
            }
            return action(request, segments.get(0), segments.get(1));
        }
        return done(notFound(path));
    }

    private ApiResponse plist(String label) {
        if (!Label.isValid(label)) {
            return invalidLabel();
        }
        return fleet.plist(label).map(p -> ApiResponse.json(200, JobJson.plist(label, p)))
                .orElseGet(() -> unknownJob(label));
    }

    /** One job with the CPU and memory of its process tree, which the fleet reads off this thread. */
    private CompletableFuture<ApiResponse> job(String label) {
        if (!Label.isValid(label)) {
            return done(invalidLabel());
        }
        if (fleet.job(label).isEmpty()) {
            return done(unknownJob(label));
        }
        return fleet.process(label).handle((usage, failure) -> {
            if (failure != null) {
                LOG.warn("Process table read failed job={} error={}", label, failure.toString());
            }
            return fleet.job(label).map(job -> ApiResponse.json(200, JobJson.job(job,
                    failure == null ? usage : java.util.Optional.empty()))).orElseGet(() -> unknownJob(label));
        });
    }

    /** A piece of the job's stdout or stderr file: 400 for a bad query, 404 when there is no such file. */
    private CompletableFuture<ApiResponse> logs(String label, String uri) {
        if (!Label.isValid(label)) {
            return done(invalidLabel());
        }
        if (fleet.job(label).isEmpty()) {
            return done(unknownJob(label));
        }
        LogRequest request;
        try {
            request = LogQuery.parse(uri);
        } catch (IllegalArgumentException e) {
            return done(ApiResponse.error(400, "logs of job '" + label + "': " + e.getMessage()));
        }
        return fleet.log(label, request).handle((chunk, failure) -> {
            if (failure == null) {
                return ApiResponse.json(200, JobJson.log(chunk));
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof LogUnavailable || cause instanceof JobManagerException) {
                return ApiResponse.error(404, cause.getMessage());
            }
            LOG.warn("Log read failed job={} error={}", label, cause.toString());
            return ApiResponse.error(500, "the logs of job '" + label + "' could not be read");
        });
    }

    /** The job's snapshot list, or one snapshot when {@code id} is given; read off the event loop. */
    private CompletableFuture<ApiResponse> snapshots(String label, String id) {
        if (!Label.isValid(label)) {
            return done(invalidLabel());
        }
        if (fleet.job(label).isEmpty()) {
            return done(unknownJob(label));
        }
        if (id == null) {
            return fleet.snapshots(label).thenApply(list -> ApiResponse.json(200, JobJson.snapshots(label, list)))
                    .exceptionally(e -> ApiResponse.error(500, "job '" + label + "' snapshots could not be listed"));
        }
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            return done(ApiResponse.error(400, "'" + id + "' is not a snapshot id (as in 20261207T170512.345Z-4242); "
                    + "see /api/v1/jobs/" + label + "/snapshots"));
        }
        return fleet.snapshot(label, id).thenApply(json -> json
                .map(j -> ApiResponse.text(200, ApiResponse.JSON, j))
                .orElseGet(() -> ApiResponse.error(404, "job '" + label + "' has no snapshot '" + id + "'")))
                .exceptionally(e -> ApiResponse.error(500, "job '" + label + "' snapshot could not be read"));
    }

    /** A route that needs the token: {@code what} names it in the 401. */
    private CompletableFuture<ApiResponse> guarded(ApiRequest request, String what,
            java.util.function.Supplier<CompletableFuture<ApiResponse>> answer) {
        switch (token.check(request.authorization())) {
            case MISSING:
                return done(ApiResponse.error(401, what + " needs 'Authorization: Bearer <token>' with the token "
                        + "from launchguard's token file").withHeader("WWW-Authenticate", "Bearer"));
            case WRONG:
                return done(ApiResponse.error(403, "the bearer token does not match launchguard's token file"));
            default:
                return answer.get();
        }
    }

    /**
     * A read of evidence: the bearer token, or for a GET from a browser the token as a Basic
     * password ({@link #SIGNIN}). Anything but a GET needs the bearer token, as a mutation does.
     */
    private CompletableFuture<ApiResponse> guardedRead(ApiRequest request, String what,
            java.util.function.Supplier<CompletableFuture<ApiResponse>> answer) {
        if (request.method().equals("GET")
                && token.checkBasic(request.authorization()) == BearerToken.Check.ACCEPTED) {
            return answer.get();
        }
        return guarded(request, what, answer);
    }

    /** Whether a page request may show evidence: the bearer token or the Basic one. */
    private boolean signedIn(ApiRequest request) {
        return token.checkRead(request.authorization()) == BearerToken.Check.ACCEPTED;
    }

    private CompletableFuture<ApiResponse> statusPage(ApiRequest request) {
        boolean signedIn = signedIn(request);
        List<JobView> jobs = fleet.jobs();
        return usage.read(jobs).thenApply(u -> PageAssets.page(200, StatusPage.render(
                new StatusPage.Model(jobs, u, watchers, signedIn, clock.instant()))));
    }

    private CompletableFuture<ApiResponse> jobPage(ApiRequest request, String label) {
        if (!Label.isValid(label)) {
            return done(PageAssets.problem(400, "a job label may hold only letters, digits, '.', '-' and '_'"));
        }
        java.util.Optional<JobView> job = fleet.job(label);
        if (job.isEmpty()) {
            return done(PageAssets.problem(404, "launchguard watches no job '" + label + "'"));
        }
        boolean signedIn = signedIn(request);
        CompletableFuture<List<JobPage.Log>> logs = signedIn ? PageLogs.read(fleet, label, JobPage.LOG_TAIL_BYTES)
                : done(List.of());
        return usage.read(List.of(job.get())).thenCombine(logs, (u, tails) -> {
            JobView now = fleet.job(label).orElse(job.get());
            return PageAssets.page(200, JobPage.render(new JobPage.Model(now,
                    java.util.Optional.ofNullable(u.get(label)), signedIn, clock.instant(), tails,
                    dev.launchguard.fleet.JobView.HISTORY_KEPT)));
        });
    }

    /** 401 with a Basic challenge until the browser presents the token as password, then back to the page. */
    private ApiResponse signIn(ApiRequest request) {
        if (token.checkBasic(request.authorization()) == BearerToken.Check.ACCEPTED) {
            return PageAssets.redirect("/");
        }
        return PageAssets.problem(401, "sign in with any user name and launchguard's API token as the password "
                + "(the file 'token' in launchguard's state folder, ~/.launchguard/token by default); pages then show evidence and logs "
                + "until the browser is closed")
                .withHeader("WWW-Authenticate", "Basic realm=\"" + BASIC_REALM + "\", charset=\"UTF-8\"");
    }

    /** A mutation: the token first, then the label, then the fleet's future. */
    private CompletableFuture<ApiResponse> action(ApiRequest request, String label, String action) {
        return guarded(request, action, () -> authorizedAction(label, action));
    }

    private CompletableFuture<ApiResponse> authorizedAction(String label, String action) {
        if (!Label.isValid(label)) {
            return done(invalidLabel());
        }
        if (fleet.job(label).isEmpty()) {
            return done(unknownJob(label));
        }
        CompletableFuture<ApiResponse> answer;
        try {
            switch (action) {
                case KICKSTART:
                    answer = fleet.kickstart(label).thenApply(job -> ApiResponse.json(202, JobJson.job(job)));
                    break;
                case DISABLE:
                    answer = fleet.disable(label).thenApply(teardown -> ApiResponse.json(200,
                            JobJson.teardown(teardown, fleet.job(label))));
                    break;
                case RESET:
                    answer = fleet.reset(label).thenApply(job -> ApiResponse.json(202, JobJson.job(job)));
                    break;
                default:
                    answer = fleet.enable(label).thenApply(job -> ApiResponse.json(200, JobJson.job(job)));
                    break;
            }
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, failure) -> failure == null ? response : actionFailed(label, action, failure));
    }

    private static ApiResponse actionFailed(String label, String action, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause instanceof JobManagerException
                ? cause.getMessage()
                : "job '" + label + "' could not be " + pastTense(action) + ": " + cause;
        LOG.warn("Manual {} failed: {} job={}", action, message, label);
        return ApiResponse.error(500, message);
    }

    private static String pastTense(String action) {
        return action.equals(KICKSTART) ? "kickstarted" : action.equals(RESET) ? "reset" : action + "d";
    }

    private static ApiResponse invalidLabel() {
        return ApiResponse.error(400, "a job label in the path may hold only letters, digits, '.', '-' and '_'");
    }

    /** The 404 for a label no watcher has, naming the watched label it is most likely a typo of. */
    private ApiResponse unknownJob(String label) {
        return UnknownJob.response(label, fleet.jobs().stream().map(JobView::label).toList());
    }

    private static ApiResponse notFound(String path) {
        return ApiResponse.error(404, "no endpoint at '" + path + "'; see /api/v1/jobs, /api/v1/drift, "
                + "/api/v1/uptime, /api/v1/strays, /metrics, /healthz");
    }

    private static ApiResponse notAllowed(String method, String path, String allowed) {
        return ApiResponse.error(405, "method " + method + " is not allowed on " + path + "; use " + allowed)
                .withHeader("Allow", allowed);
    }

    private static CompletableFuture<ApiResponse> get(String method, String path,
            java.util.function.Supplier<ApiResponse> answer) {
        return done(method.equals("GET") ? answer.get() : notAllowed(method, path, "GET"));
    }

    private static <T> CompletableFuture<T> done(T response) {
        return CompletableFuture.completedFuture(response);
    }

    /** The raw path: the query and fragment cut off, nothing percent-decoded (a label never needs it). */
    static String pathOf(String uri) {
        int end = uri.length();
        int query = uri.indexOf('?');
        int fragment = uri.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return uri.substring(0, end);
    }
}
