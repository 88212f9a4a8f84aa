"""Fixed facts about the web platform's seed schema (spec/data-models.md).

These never change — the seed is a contract — so migrations may import them.
"""

#: The seed's tables, in dependency order.
SEED_TABLES: tuple[str, ...] = (
    "users",
    "user_profiles",
    "courses",
    "modules",
    "video_assets",
    "lessons",
    "assessments",
    "questions",
    "answer_options",
    "learning_paths",
    "path_steps",
    "user_progress",
    "subscription_plans",
    "subscriptions",
)

#: The seed's key indexes (name, table, columns). ``users.email`` and ``courses.slug`` are
#: served by the indexes of their UNIQUE constraints.
SEED_INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_courses_author_id", "courses", ("author_id",)),
    ("ix_modules_course_id_order_index", "modules", ("course_id", "order_index")),
    ("ix_lessons_module_id_order_index", "lessons", ("module_id", "order_index")),
    (
        "ix_user_progress_user_id_entity_type_entity_id",
        "user_progress",
        ("user_id", "entity_type", "entity_id"),
    ),
    ("ix_subscriptions_user_id_status", "subscriptions", ("user_id", "status")),
)
