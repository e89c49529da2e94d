package io.github.timcallback.groupfull.containers;

/** As {@link SpringBootJarIT}, the same application built on Spring Boot 3.5 ({@code pom-boot3.xml}). */
class SpringBoot3JarIT extends SpringBootContract {

    SpringBoot3JarIT() throws Exception {
        super(SpringApps.Build.BOOT3_JAR);
    }
}
