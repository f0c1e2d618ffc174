/* The values of the schema's check constraints, spelled as the database has them. */
#include "seed/gen_model.h"

#include <stddef.h>

/* clang-format off */
const char *const gen_currency_name[CUR_N] = { "TRY", "HUF", "EUR" };
const int64_t gen_currency_unit[CUR_N] = { 100, 100, 100 };
const char *const gen_ostatus_name[OS_N] = {
	"pending", "paid", "packed", "shipped", "delivered", "cancelled" };
const char *const gen_sstatus_name[SS_N] = {
	"UNKNOWN", "PRE_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP",
	"DELIVERY_ATTEMPTED", "DELIVERED", "EXCEPTION", "RETURNING", "RETURNED", "CANCELLED",
	"EXPIRED" };
const char *const gen_method_name[PM_N] = {
	"card", "bank_transfer", "cash_on_delivery", "wallet", "gift_code", "other" };
const char *const gen_channel_name[CH_N] = { "phone", "email", "chat", "social", "web" };
const char *const gen_category_name[TC_N] = {
	"where-is-my-order", "delay", "damaged", "wrong-item", "not-as-described", "return",
	"refund", "shipping-fee", "warranty", "technical", "payment", "cancellation",
	"address-change", "complaint", "suggestion", "praise", "other" };
const char *const gen_priority_name[PR_N] = { "urgent", "high", "normal", "low" };
const char *const gen_tstatus_name[TS_N] = {
	"new", "open", "pending", "on_hold", "solved", "closed" };
const char *const gen_mkind_name[MK_N] = { "note", "reply", "call", "system", "customer" };
const char *const gen_rstatus_name[RS_N] = {
	"requested", "approved", "rejected", "awaiting_parcel", "received", "inspected", "refunded",
	"closed" };
const char *const gen_rkind_name[RK_N] = { "return", "exchange", "warranty" };
const char *const gen_condition_name[CO_N] = { NULL, "as_new", "opened", "damaged", "missing_parts" };
/* The reason code of each of words_return_reason, which are alike in every language. */
const char *const gen_return_reason_code[GEN_RETURN_REASONS] = {
	"changed_mind", "damaged_in_transit", "changed_mind", "wrong_item", "not_as_described", "defective" };
const char *const gen_refkind_name[RF_N] = {
	"return", "shipping_fee", "goodwill", "cancellation" };
const enum gen_sstatus gen_event_status[EV_N] = {
	SS_PRE_TRANSIT, SS_IN_TRANSIT, SS_IN_TRANSIT, SS_OUT_FOR_DELIVERY, SS_DELIVERED,
	SS_DELIVERY_ATTEMPTED, SS_AVAILABLE_FOR_PICKUP, SS_EXCEPTION, SS_RETURNING, SS_RETURNED,
	SS_CANCELLED };
