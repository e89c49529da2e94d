/**
 * The receiver in a Spring Boot application: {@link
 * io.github.timcallback.groupfull.spring.GroupFullAutoConfiguration} registers the receiver's
 * servlet, its settings are read from Spring's environment too, and accepted callbacks reach
 * Spring listeners ({@code @EventListener}) of {@link io.github.timcallback.groupfull.GroupFullEvent}
 * before the answer and of {@link io.github.timcallback.groupfull.spring.GroupFullAnswered} after it.
 *
 * <p>Spring is an optional dependency of the classes jar: nothing here is loaded unless the
 * servlet finds Spring's root application context with {@link
 * io.github.timcallback.groupfull.spring.SpringHost} in it, and CDI never scans this package
 * (the classes jar's {@code beans.xml} excludes it). Uses Spring Framework and Spring Boot's
 * auto-configuration API, and Micrometer where the application has it.
 */
package io.github.timcallback.groupfull.spring;
