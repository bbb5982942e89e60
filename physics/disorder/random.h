#pragma once

#include <cmath>
#include <cstdint>
#include <string>

namespace heterion::disorder
{
  /**
   * A portable random-number generator (xoshiro256**, seeded through
   * splitmix64) with its own uniform, normal (Box-Muller) and gamma
   * (Marsaglia-Tsang) variates. The standard library's distributions are
   * implementation-defined, so they would make a field depend on the
   * compiler; these give the same sequence everywhere, on every rank.
   */
  class Random
  {
  public:
    explicit Random(const std::uint64_t seed)
    {
      std::uint64_t x = seed;
      for (std::uint64_t &s : state)
        s = splitmix64(x);
    }

    /** The next 64 random bits. */
    std::uint64_t
    bits()
    {
      const std::uint64_t result = rotl(state[1] * 5, 7) * 9;
      const std::uint64_t t      = state[1] << 17;
      state[2] ^= state[0];
      state[3] ^= state[1];
      state[1] ^= state[2];
      state[0] ^= state[3];
      state[2] ^= t;
      state[3] = rotl(state[3], 45);
      return result;
    }

    /** Uniform on [0, 1), with 53 random bits. */
    double
    uniform()
    {
      return (bits() >> 11) * 0x1.0p-53;
    }

    /** Uniform on [a, b). */
    double
    uniform(const double a, const double b)
    {
      return a + (b - a) * uniform();
    }

    /** Standard normal N(0, 1) (Box-Muller, both values used). */
    double
    normal()
    {
      if (has_spare)
        {
          has_spare = false;
          return spare;
        }
      double u1;
      do
        u1 = uniform();
      while (u1 <= 0);
      const double u2 = uniform();
      const double r  = std::sqrt(-2 * std::log(u1));
      spare           = r * std::sin(2 * M_PI * u2);
      has_spare       = true;
      return r * std::cos(2 * M_PI * u2);
    }

    /** Gamma(shape k, scale 1), k > 0 (Marsaglia & Tsang 2000). */
    double
    gamma(const double k)
    {
      if (k < 1)
        {
          // Gamma(k) = Gamma(k + 1) U^(1/k).
          double u;
          do
            u = uniform();
          while (u <= 0);
          return gamma(k + 1) * std::pow(u, 1 / k);
        }
      const double d = k - 1. / 3, c = 1 / std::sqrt(9 * d);
      while (true)
        {
          double x, v;
          do
            {
              x = normal();
              v = 1 + c * x;
            }
          while (v <= 0);
          v              = v * v * v;
          const double u = uniform();
          if (u < 1 - 0.0331 * x * x * x * x
              || std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))
            return d * v;
        }
    }

    /** splitmix64: a good 64-bit mixer, also for deriving seeds. */
    static std::uint64_t
    splitmix64(std::uint64_t &x)
    {
      std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
      z               = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z               = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return z ^ (z >> 31);
    }

    /**
     * The seed of a named stream: a hash of @p name (FNV-1a) mixed with
     * @p seed. Fields of one run get independent streams; equal seeds
     * and names give equal streams.
     */
    static std::uint64_t
    derive_seed(const std::uint64_t seed, const std::string &name)
    {
      std::uint64_t h = 0xcbf29ce484222325ULL;
      for (const unsigned char ch : name)
        h = (h ^ ch) * 0x100000001b3ULL;
      std::uint64_t x = seed ^ h;
      return splitmix64(x);
    }

  private:
    static std::uint64_t
    rotl(const std::uint64_t x, const int k)
    {
      return (x << k) | (x >> (64 - k));
    }

    std::uint64_t state[4];
    bool          has_spare = false;
    double        spare     = 0;
  };
} // namespace heterion::disorder
