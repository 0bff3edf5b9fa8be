package org.leadtocash.lead;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The fields of a Chinese business licence (营业执照, R-30) the customer book keeps.
 *
 * @param creditCode           统一社会信用代码, checked by {@link CreditCode}
 * @param companyName          名称
 * @param companyType          类型, e.g. 有限责任公司（自然人投资或控股）
 * @param legalRepresentative  法定代表人
 * @param registeredCapitalWan 注册资本 in 万元 (10,000 CNY), as the licence prints it; scale 4
 * @param establishedOn        成立日期
 * @param address              住所
 * @param businessScope        经营范围
 */
public record BusinessLicence(String creditCode, String companyName, String companyType, String legalRepresentative,
                              BigDecimal registeredCapitalWan, LocalDate establishedOn, String address, String businessScope) {
}
