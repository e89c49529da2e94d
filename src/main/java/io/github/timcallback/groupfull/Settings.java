package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.delivery.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The receiver's configuration, read once at start-up and checked there: a bad setting stops
 * the servlet from starting with a message that names the setting, where it came from and (for
 * anything but the token) the bad value.
 *
 * <p>Each setting is looked up in the places {@link Source} lists, in that order, first found
 * wins; a blank value counts as not set.
 *
 * @param sdkAppIds            the SDKAppIDs whose callbacks are accepted
 * @param maxBodyBytes         the largest request body accepted
 * @param callbackTokens       the callback authentication tokens of each SDKAppID; empty when
 *                             authentication is off, otherwise a token list for every SDKAppID
 * @param tokensShared         whether the tokens were given in the plain form, for every SDKAppID alike
 * @param requestTimeTolerance how far {@code RequestTime} may be from the server clock, either way
 * @param otherCallbacks       where callbacks with another {@code CallbackCommand} are forwarded: a
 *                             servlet name, or a context-relative path starting with {@code /};
 *                             {@code null} when they are refused
 * @param maxPendingAsync      how many asynchronous notifications may be in flight at once
 * @param stopGracePeriod      how long a stop waits for the asynchronous notifications in flight
 * @param deliveryStore        where accepted callbacks are kept, and how their delivery is retried;
 *                             {@code null} when they are kept in memory only
 */
record Settings(Set<String> sdkAppIds, int maxBodyBytes, Map<String, List<String>> callbackTokens,
        boolean tokensShared, Duration requestTimeTolerance, String otherCallbacks, int maxPendingAsync, Duration stopGracePeriod,
        StoreConfig deliveryStore) {

    static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    static final int LARGEST_MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final Duration DEFAULT_REQUEST_TIME_TOLERANCE = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_PENDING_ASYNC = 10_000;
    static final int LARGEST_MAX_PENDING_ASYNC = 1_000_000;
    static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(10);
    static final int DEFAULT_DELIVERY_ATTEMPTS = 10;
    static final Duration DEFAULT_DELIVERY_FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration DEFAULT_DELIVERY_RETENTION = Duration.ofHours(24);
    static final Duration DEFAULT_DELIVERY_LEASE = Duration.ofSeconds(30);

    /** One setting's names in each place it can be given. */
    enum Name {
        SDK_APP_ID("sdkAppId", "TIM_SDKAPPID"),
        MAX_BODY_BYTES("maxBodyBytes", "TIM_MAX_BODY_BYTES"),
        CALLBACK_TOKEN("callbackToken", "TIM_CALLBACK_TOKEN"),
        REQUEST_TIME_TOLERANCE("requestTimeTolerance", "TIM_REQUEST_TIME_TOLERANCE"),
        OTHER_CALLBACKS("otherCallbacks", "TIM_OTHER_CALLBACKS"),
        MAX_PENDING_ASYNC("maxPendingAsync", "TIM_MAX_PENDING_ASYNC"),
        STOP_GRACE_PERIOD("stopGracePeriod", "TIM_STOP_GRACE_PERIOD"),
        DELIVERY_STORE("deliveryStore", "TIM_DELIVERY_STORE"),
        DELIVERY_STORE_USER("deliveryStoreUser", "TIM_DELIVERY_STORE_USER"),
        DELIVERY_STORE_PASSWORD("deliveryStorePassword", "TIM_DELIVERY_STORE_PASSWORD"),
        DELIVERY_STORE_CREATE("deliveryStoreCreate", "TIM_DELIVERY_STORE_CREATE"),
        DELIVERY_ATTEMPTS("deliveryAttempts", "TIM_DELIVERY_ATTEMPTS"),
        DELIVERY_FIRST_RETRY("deliveryFirstRetry", "TIM_DELIVERY_FIRST_RETRY"),
        DELIVERY_RETENTION("deliveryRetention", "TIM_DELIVERY_RETENTION"),
        DELIVERY_LEASE("deliveryLease", "TIM_DELIVERY_LEASE");

        final String param;
        final String environment;

        Name(String param, String environment) {
            this.param = param;
            this.environment = environment;
        }
    }

    /** The places a setting can be given, in the order they are looked in. */
    enum Source {
        SYSTEM_PROPERTY("system property"),
        ENVIRONMENT("environment variable"),
        /** Spring's environment ({@code application.properties}, YAML, ...), in a Spring application only. */
        SPRING_PROPERTY("Spring property"),
        INIT_PARAM("servlet init-param"),
        CONTEXT_PARAM("context-param");

        final String label;

        Source(String label) {
            this.label = label;
        }

        /**
         * The setting's name in this place: {@code tim.sdkAppId}, {@code TIM_SDKAPPID},
         * {@code tim.sdk-app-id} (Spring's kebab case) or {@code sdkAppId}.
         */
        String key(Name name) {
            return switch (this) {
                case SYSTEM_PROPERTY, CONTEXT_PARAM -> "tim." + name.param;
                case ENVIRONMENT -> name.environment;
                case SPRING_PROPERTY -> "tim." + kebab(name.param);
                case INIT_PARAM -> name.param;
            };
        }

        /** Where, for messages: "environment variable TIM_SDKAPPID". */
        String where(Name name) {
            return label + " " + key(name);
        }

        private static String kebab(String camel) {
            StringBuilder kebab = new StringBuilder(camel.length() + 4);
            for (char c : camel.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    kebab.append('-').append(Character.toLowerCase(c));
                } else {
                    kebab.append(c);
                }
            }
            return kebab.toString();
        }
    }

    /**
     * Where the settings come from; each function answers {@code null} for what it lacks.
     * {@code springProperties} is {@code null} outside a Spring application: that place is then
     * not looked in, nor named in messages.
     */
    record Sources(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            UnaryOperator<String> springProperties, UnaryOperator<String> initParams, UnaryOperator<String> contextParams) {

        /** The places of a servlet container or Jakarta EE server, without Spring. */
        Sources(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
                UnaryOperator<String> initParams, UnaryOperator<String> contextParams) {
            this(systemProperties, environment, null, initParams, contextParams);
        }

        /** The places looked in, in order. */
        List<Source> places() {
            return Stream.of(Source.values())
                    .filter(source -> source != Source.SPRING_PROPERTY || springProperties != null).toList();
        }

        String lookUp(Source source, Name name) {
            UnaryOperator<String> place = switch (source) {
                case SYSTEM_PROPERTY -> systemProperties;
                case ENVIRONMENT -> environment;
                case SPRING_PROPERTY -> springProperties;
                case INIT_PARAM -> initParams;
                case CONTEXT_PARAM -> contextParams;
            };
            return place == null ? null : place.apply(source.key(name));
        }
    }

    Settings {
        sdkAppIds = Collections.unmodifiableSet(new LinkedHashSet<>(sdkAppIds));
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        callbackTokens.forEach((app, list) -> tokens.put(app, List.copyOf(list)));
        callbackTokens = Collections.unmodifiableMap(tokens);
    }

    /**
     * Reads and checks every setting.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or invalid
     */
    static Settings read(Sources sources) {
        Found sdkAppId = find(Name.SDK_APP_ID, sources);
        if (sdkAppId == null) {
            List<String> places = sources.places().stream().map(source -> source.where(Name.SDK_APP_ID)).toList();
            throw new IllegalArgumentException("The setting 'sdkAppId' is required: give this application's"
                    + " SDKAppID (or a comma-separated list) as " + String.join(", ", places.subList(0, places.size() - 1))
                    + " or " + places.get(places.size() - 1) + ".");
        }
        Set<String> sdkAppIds = new LinkedHashSet<>();
        for (String id : split(sdkAppId.value)) {
            if (!isSdkAppId(id)) {
                throw sdkAppId.invalid("a SDKAppID (digits) or a comma-separated list of them", true);
            }
            sdkAppIds.add(id);
        }

        int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        Found max = find(Name.MAX_BODY_BYTES, sources);
        if (max != null) {
            long bytes = Ascii.parseDigits(max.value, 9);
            if (bytes < 1 || bytes > LARGEST_MAX_BODY_BYTES) {
                throw max.invalid("a whole number of bytes from 1 to " + LARGEST_MAX_BODY_BYTES, true);
            }
            maxBodyBytes = (int) bytes;
        }

        Found token = find(Name.CALLBACK_TOKEN, sources);
        Map<String, List<String>> tokens = token == null ? Map.of() : tokensPerApp(token, sdkAppIds);
        boolean tokensShared = token != null && tokenEntries(token.value).get(0).sdkAppId() == null;

        Duration tolerance = DEFAULT_REQUEST_TIME_TOLERANCE;
        Found seconds = find(Name.REQUEST_TIME_TOLERANCE, sources);
        if (seconds != null) {
            long value = Ascii.parseDigits(seconds.value, 5);
            if (value < 1 || value > 3600) {
                throw seconds.invalid("a whole number of seconds from 1 to 3600", true);
            }
            tolerance = Duration.ofSeconds(value);
        }

        String otherCallbacks = null;
        Found target = find(Name.OTHER_CALLBACKS, sources);
        if (target != null) {
            // A path is forwarded to as it stands: a query or fragment in it would be merged into the
            // vendor's parameters, and a relative one would depend on the callback's own path.
            if (target.value.startsWith("/") ? target.value.matches(".*[?#;].*") : target.value.contains("/")) {
                throw target.invalid("the <servlet-name> of a servlet of this application, or a"
                        + " context-relative path starting with '/' without query or fragment", true);
            }
            otherCallbacks = target.value;
        }
        int maxPendingAsync = DEFAULT_MAX_PENDING_ASYNC;
        Found pending = find(Name.MAX_PENDING_ASYNC, sources);
        if (pending != null) {
            long value = Ascii.parseDigits(pending.value, 7);
            if (value < 1 || value > LARGEST_MAX_PENDING_ASYNC) {
                throw pending.invalid("a whole number from 1 to " + LARGEST_MAX_PENDING_ASYNC, true);
            }
            maxPendingAsync = (int) value;
        }

        Duration grace = seconds(Name.STOP_GRACE_PERIOD, sources, 0, 600, DEFAULT_STOP_GRACE_PERIOD);
        return new Settings(sdkAppIds, maxBodyBytes, tokens, tokensShared, tolerance, otherCallbacks, maxPendingAsync, grace,
                deliveryStore(sources));
    }

    /**
     * One entry of {@code callbackToken}: {@code SDKAPPID:TOKEN}, a token for that app only, or a
     * plain token, for every configured SDKAppID.
     *
     * @param sdkAppId the SDKAppID the token is for, or {@code null} for every one
     */
    record TokenEntry(String sdkAppId, String token) {
        @Override
        public String toString() {
            return "TokenEntry[sdkAppId=" + sdkAppId + ", token=(not shown)]";
        }
    }

    /**
     * The entries of a {@code callbackToken} value, each stripped. An entry whose text before its
     * first {@code :} is a SDKAppID (digits) is a pair; any other is a plain token. Unchecked: a
     * token may be empty, an app unknown.
     */
    static List<TokenEntry> tokenEntries(String value) {
        List<TokenEntry> entries = new ArrayList<>();
        for (String entry : split(value)) {
            String[] pair = entry.split(":", 2);
            entries.add(pair.length == 2 && isSdkAppId(pair[0].strip())
                    ? new TokenEntry(pair[0].strip(), pair[1].strip())
                    : new TokenEntry(null, entry));
        }
        return entries;
    }

    /**
     * The tokens of each SDKAppID. Pairs give each app its own; the plain form gives every app all
     * of them. The messages name SDKAppIDs, which are not secret, and never a token.
     */
    private static Map<String, List<String>> tokensPerApp(Found token, Set<String> sdkAppIds) {
        List<TokenEntry> entries = tokenEntries(token.value);
        boolean pairs = entries.get(0).sdkAppId() != null;
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        for (TokenEntry entry : entries) {
            if (entry.token().isEmpty()) {
                throw token.invalid(entry.sdkAppId() != null ? "SDKAPPID:TOKEN pairs with a non-empty token each"
                        + " (1400000001:prodToken,1400000002:testToken); the token for SDKAppID " + entry.sdkAppId()
                        + " is empty" : "one token or a comma-separated list of non-empty tokens, or of SDKAPPID:TOKEN pairs",
                        false);
            }
            if ((entry.sdkAppId() != null) != pairs) {
                throw token.invalid("either plain tokens for every SDKAppID (token, or old,new) or SDKAPPID:TOKEN"
                        + " pairs (1400000001:prodToken,1400000002:testToken), not both", false);
            }
            if (pairs && !sdkAppIds.contains(entry.sdkAppId())) {
                throw token.invalid("SDKAPPID:TOKEN pairs for the SDKAppIDs of 'sdkAppId' (" + String.join(", ", sdkAppIds)
                        + "); SDKAppID " + entry.sdkAppId() + " is not one of them", false);
            }
            for (String app : pairs ? Set.of(entry.sdkAppId()) : sdkAppIds) {
                tokens.computeIfAbsent(app, a -> new ArrayList<>()).add(entry.token());
            }
        }
        for (String app : sdkAppIds) {
            if (!tokens.containsKey(app)) {
                throw token.invalid("SDKAPPID:TOKEN pairs with a token for every SDKAppID of 'sdkAppId': SDKAppID " + app
                        + " has none, so every callback of it would be refused (add " + app + ":TOKEN)", false);
            }
        }
        return tokens;
    }

    /**
     * What the plain form allows when it serves several SDKAppIDs, for a WARNING at start-up; or
     * {@code null} when each app has its own tokens, or there is one app.
     */
    String sharedTokensWarning() {
        if (!tokensShared || sdkAppIds.size() < 2) {
            return null;
        }
        return "Every callback token of 'callbackToken' is accepted for every SDKAppID (" + String.join(", ", sdkAppIds)
                + "): a callback of any of these apps signed with the token of any other is accepted, so whoever holds"
                + " one app's token (a test app's, say) can forge callbacks of the others. Give each app its own"
                + " tokens: callbackToken (TIM_CALLBACK_TOKEN) = "
                + sdkAppIds.stream().map(app -> app + ":TOKEN").collect(Collectors.joining(","))
                + ", with the token of each app's callback configuration in the IM console.";
    }

    /** The delivery store's settings, or {@code null} when {@code deliveryStore} is not set. */
    private static StoreConfig deliveryStore(Sources sources) {
        Found store = find(Name.DELIVERY_STORE, sources);
        if (store == null) {
            return null;
        }
        if (store.value.matches(".*\\s.*")) {
            throw store.invalid("the JNDI name of a javax.sql.DataSource (java:comp/env/jdbc/tim) or a JDBC URL"
                    + " (jdbc:h2:file:/var/lib/tim/deliveries)", false);
        }
        Found user = find(Name.DELIVERY_STORE_USER, sources);
        Found password = find(Name.DELIVERY_STORE_PASSWORD, sources);
        boolean create = true;
        Found creates = find(Name.DELIVERY_STORE_CREATE, sources);
        if (creates != null) {
            if (!creates.value.equals("true") && !creates.value.equals("false")) {
                throw creates.invalid("true or false", true);
            }
            create = Boolean.parseBoolean(creates.value);
        }
        int attempts = DEFAULT_DELIVERY_ATTEMPTS;
        Found tries = find(Name.DELIVERY_ATTEMPTS, sources);
        if (tries != null) {
            long value = Ascii.parseDigits(tries.value, 3);
            if (value < 1 || value > 100) {
                throw tries.invalid("a whole number from 1 to 100", true);
            }
            attempts = (int) value;
        }
        return new StoreConfig(store.value, "'" + store.name.param + "' (" + store.where + ")",
                user == null ? null : user.value, password == null ? null : password.value, create, attempts,
                seconds(Name.DELIVERY_FIRST_RETRY, sources, 1, 3600, DEFAULT_DELIVERY_FIRST_RETRY),
                seconds(Name.DELIVERY_RETENTION, sources, 1, 30 * 24 * 3600, DEFAULT_DELIVERY_RETENTION),
                seconds(Name.DELIVERY_LEASE, sources, 3, 600, DEFAULT_DELIVERY_LEASE));
    }

    /** A setting of whole seconds from {@code min} to {@code max}. */
    private static Duration seconds(Name name, Sources sources, long min, long max, Duration otherwise) {
        Found found = find(name, sources);
        if (found == null) {
            return otherwise;
        }
        long value = Ascii.parseDigits(found.value, 8);
        if (value < min || value > max) {
            throw found.invalid("a whole number of seconds from " + min + " to " + max, true);
        }
        return Duration.ofSeconds(value);
    }

    /** The settings, with the tokens counted rather than shown: they are secrets. */
    @Override
    public String toString() {
        return "Settings[sdkAppIds=" + sdkAppIds + ", maxBodyBytes=" + maxBodyBytes + ", callbackTokens="
                + (callbackTokens.isEmpty() ? "none" : describeTokens()) + " (not shown), requestTimeTolerance="
                + requestTimeTolerance
                + ", otherCallbacks=" + otherCallbacks + ", maxPendingAsync=" + maxPendingAsync
                + ", stopGracePeriod=" + stopGracePeriod + ", deliveryStore=" + deliveryStore + "]";
    }

    /**
     * How many tokens each SDKAppID has, never the tokens: "2 token(s) for SDKAppID 1400000001,
     * 1 for 1400000002", or "1 token(s) for every SDKAppID" in the plain form.
     */
    String describeTokens() {
        if (tokensShared) {
            return callbackTokens.values().iterator().next().size() + " token(s) for every SDKAppID";
        }
        List<String> counts = new ArrayList<>();
        callbackTokens.forEach((app, tokens) ->
                counts.add(tokens.size() + (counts.isEmpty() ? " token(s) for SDKAppID " : " for ") + app));
        return String.join(", ", counts);
    }

    /** Whether callbacks with another {@code CallbackCommand} are forwarded rather than refused. */
    boolean forwardsOtherCallbacks() {
        return otherCallbacks != null;
    }

    /** Whether callbacks must carry a valid {@code Sign}. */
    boolean authenticates() {
        return !callbackTokens.isEmpty();
    }

    /** A SDKAppID as the vendor writes it: 1 to 20 ASCII digits. */
    static boolean isSdkAppId(String s) {
        return Ascii.isDigits(s, 20);
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            parts.add(part.strip());
        }
        return parts;
    }

    private static Found find(Name name, Sources sources) {
        for (Source source : sources.places()) {
            String value = sources.lookUp(source, name);
            if (value != null && !value.isBlank()) {
                return new Found(name, source.where(name), value.strip());
            }
        }
        return null;
    }

    private record Found(Name name, String where, String value) {
        IllegalArgumentException invalid(String expected, boolean showValue) {
            return new IllegalArgumentException("The setting '" + name.param + "' (" + where + ") must be "
                    + expected + ". Encountered " + (showValue ? "'" + value + "'." : "a value that is not (not shown: it is a secret)."));
        }
    }
}
