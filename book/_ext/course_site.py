"""A small Sphinx extension for the course site (loaded from book/_config.yml).

Jupyter Book 1 registers some inline scripts twice (sphinx-thebe's and
sphinx-togglebutton's settings), and the second ``const THEBE_JS_URL`` throws
"Identifier has already been declared" in the browser. Each page keeps one
copy of every script.
"""


def _one_of_each(app, pagename, templatename, context, doctree):
    seen = set()
    kept = []
    for script in context.get("script_files", []):
        key = (
            getattr(script, "filename", str(script)) or "",  # None and "" both mean inline
            tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _one_of_each, priority=900)  # after the others
    return {"parallel_read_safe": True, "parallel_write_safe": True}
