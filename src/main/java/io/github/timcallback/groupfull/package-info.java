/**
 * A receiver for Tencent Cloud IM's {@code Group.CallbackAfterGroupFull} callback, as a servlet
 * that hands each genuine callback to the application's CDI observers as a {@link
 * io.github.timcallback.groupfull.GroupFullEvent}.
 *
 * <p>The request path, in the order {@link io.github.timcallback.groupfull.GroupFullCallbackServlet}
 * takes it:
 * <ol>
 *   <li><b>query</b>: {@code CallbackQuery} reads the raw query string; SdkAppid must be one of
 *       ours. Another callback of the app ({@code CallbackCommand} other than ours) is checked
 *       for its signature and forwarded by {@code OtherCallbacks} when {@code otherCallbacks} is
 *       set; the rest of this path is for group-full callbacks only.</li>
 *   <li><b>signature</b>: {@code Signature} checks {@code Sign} and {@code RequestTime} when a
 *       callback token is configured.</li>
 *   <li><b>body</b>: {@code RequestBody} reads it within the limit; {@code BodyParser} decodes it
 *       with {@code Utf8.Reader} and reads it through JSON-B into a {@code CallbackBody}.</li>
 *   <li><b>event</b>: {@code Observers} fires {@code GroupFullEvent} to synchronous observers (in a
 *       request context when the application has {@code @RequestScoped} beans, which
 *       {@code RequestScopeUse} notices at deployment), then to asynchronous ones, of which
 *       {@code AsyncDeliveries} keeps a bounded number in flight. With a delivery store, the
 *       callback is stored in the transaction the synchronous observers run in, and a callback
 *       stored already fires nothing: see the {@code delivery} package.</li>
 *   <li><b>answer</b>: the fixed OK answer; any refusal is a {@link
 *       io.github.timcallback.groupfull.Rejection} from the one catalogue, with its HTTP status and
 *       JSON body. A refusal that the container throws away because its own read of the body
 *       failed (Tomcat) is given again through the WAR's error page, the servlet itself.</li>
 * </ol>
 *
 * <p>Around it: {@code Settings} reads and checks the configuration once, at start-up;
 * {@code WeldContexts} and {@link io.github.timcallback.groupfull.WeldHttpContextFilter} keep Weld's
 * HTTP contexts off group-full callbacks in the WAR; {@code Ascii} and {@code IpLiteral} are the
 * small text checks the query and body need.
 */
package io.github.timcallback.groupfull;
