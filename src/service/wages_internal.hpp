// What the files of service::Wages share: the id an employer's payroll files carry, and a
// finding's stored document. Internal to src/service.
#pragma once

#include <string>

#include "core/ids.hpp"
#include "domain/registry.hpp"
#include "json/json.hpp"
#include "payroll/reconcile.hpp"

namespace corridor::service::wages_internal {

// The id an employer's payroll files carry: its registration (establishment) number, or its
// Corridor id when the number is not written with the characters a file id may hold.
std::string EmployerKey(const domain::Employer& e);

// A finding as stored and shown.
json::Value FindingDoc(const payroll::Finding& f, const std::string& file_id,
                       const EmployerId& employer, const std::string& worker);

}  // namespace corridor::service::wages_internal
