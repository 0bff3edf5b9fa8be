package org.leadtocash.erp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code leadtocash.erp.u8.*} ({@link U8Properties}); defaults in code: no U8 configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(U8Properties.class)
class ErpConfig {
}
