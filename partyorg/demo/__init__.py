"""A realistic demo province (Yên Mô, Ninh Bình), seeded through the membership commands."""

from .plan import DEMO_TODAY
from .seeder import SeedError, SeedReport, build_plan, seed_demo

__all__ = ["DEMO_TODAY", "SeedError", "SeedReport", "build_plan", "seed_demo"]
