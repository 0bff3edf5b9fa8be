/**
 * The Yonyou U8 hand-off of invoice requests, at most once per request. API: {@link org.leadtocash.erp.U8HandOff},
 * {@link org.leadtocash.erp.SaleInvoiceOrder}.
 */
@ApplicationModule(displayName = "ERP 用友U8", allowedDependencies = "shared")
package org.leadtocash.erp;

import org.springframework.modulith.ApplicationModule;
