/**
 * Our own company profile: seller name, taxpayer id, address and phone, bank and account, the quote PDF's
 * logo and watermark, kept by an administrator (Camunda Admin → 公司信息 Company profile, {@code /api/company-profile}).
 * Nothing is invented: until it is complete, every step that prints or sends it is refused, naming what is missing.
 * API: {@link org.leadtocash.company.CompanyProfile}, {@link org.leadtocash.company.CompanyDetails},
 * {@link org.leadtocash.company.CompanyField}, {@link org.leadtocash.company.CompanyProfileIncompleteException}.
 */
@ApplicationModule(displayName = "Company 公司信息", allowedDependencies = "shared")
package org.leadtocash.company;

import org.springframework.modulith.ApplicationModule;
