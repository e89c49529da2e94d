package io.github.timcallback.groupfull.spring;

import io.github.timcallback.groupfull.GroupFullCallbackServlet;
import jakarta.servlet.ServletRegistration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Installs the receiver in a Spring Boot servlet application: the servlet
 * {@value GroupFullCallbackServlet#SERVLET_NAME} at {@code tim.path} (default
 * {@value SpringHost#DEFAULT_PATH}), and the {@link SpringHost} through which it finds Spring's
 * settings and listeners. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 *
 * <p>In a WAR deployed to a servlet container, the container has already registered the same
 * servlet from the classes jar's {@code web-fragment.xml} (at {@value SpringHost#DEFAULT_PATH});
 * it is then mapped to {@code tim.path} as well, and answers only there.
 *
 * <p>An application that declares a bean named {@code groupFullCallbackServlet} registers the
 * servlet itself.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ServletContextInitializer.class)
public class GroupFullAutoConfiguration {

    /** Spring's auto-configuration makes this; applications have no use for it. */
    public GroupFullAutoConfiguration() {
    }

    /**
     * Where the servlet finds Spring's settings and listeners.
     *
     * @param context the application
     * @return the receiver's view of it
     */
    @Bean
    @ConditionalOnMissingBean
    public SpringHost groupFullSpringHost(ApplicationContext context) {
        return new SpringHost(context);
    }

    /**
     * Registers the servlet at {@code tim.path}, or maps the one the container registered from
     * the web fragment there, once the settings are known to be good: a bad one fails the
     * application's start.
     *
     * @param environment where {@code tim.path} is read
     * @return the registration, run as the servlet context starts
     */
    @Bean
    @ConditionalOnMissingBean(name = "groupFullCallbackServlet")
    public ServletContextInitializer groupFullCallbackServlet(Environment environment) {
        String path = SpringHost.path(environment);
        return servletContext -> {
            ServletRegistration registered = servletContext.getServletRegistration(GroupFullCallbackServlet.SERVLET_NAME);
            // Here, as the application starts: a WAR's container starts the servlet after it, too late to stop it.
            GroupFullCallbackServlet.checkSettings(servletContext, registered, environment::getProperty);
            if (registered == null) {
                ServletRegistration.Dynamic servlet = servletContext.addServlet(GroupFullCallbackServlet.SERVLET_NAME,
                        GroupFullCallbackServlet.class);
                servlet.setLoadOnStartup(1);
                servlet.addMapping(path);
            } else if (!registered.getMappings().contains(path)) {
                registered.addMapping(path);
            }
        };
    }
}
