#pragma once

/** @file Physical constants (SI, CODATA 2018 exact values). */
namespace heterion::constants
{
  /** Faraday constant [C/mol]. */
  constexpr double faraday = 96485.33212;
  /** Gas constant [J/(mol K)]. */
  constexpr double gas_constant = 8.314462618;
  /** Reference temperature of the material data and Arrhenius laws [K]. */
  constexpr double reference_temperature = 298.15;
  /** Seconds per hour, for C-rates [s/h]. */
  constexpr double seconds_per_hour = 3600.;
} // namespace heterion::constants
