"""What the dataset says about itself, shared by the data package and the Datasette metadata: title, description,
licences (data and code apart), contributors and principal sources."""

from __future__ import annotations

from .rows import Dataset

NAME = "ottawa-exit"
TITLE = "ottawa-exit: withdrawals from the Ottawa Convention and 20 other treaties"
HOMEPAGE = "https://github.com/ottawa-exit/ottawa-exit"
DATA_LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
CODE_LICENSE = {"name": "MIT", "title": "MIT License", "path": f"{HOMEPAGE}/blob/main/LICENSE"}
CONTRIBUTORS = [{"title": "The ottawa-exit developers", "role": "author", "path": HOMEPAGE}]
# The dataset's principal sources; every fact's own sources are in the sources and citations tables.
SOURCES = [
    {"title": "UN Treaty Collection: Convention on the Prohibition of the Use, Stockpiling, Production and Transfer "
              "of Anti-Personnel Mines and on their Destruction (chapter XXVI-5), the Depositary's status",
     "path": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26"},
    {"title": "International Campaign to Ban Landmines (ICBL) and Landmine Monitor", "path": "https://icblcmc.org/"},
]


def description(dataset: Dataset) -> str:
    return (
        "Every state ever bound by the Ottawa Convention (the 1997 Anti-Personnel Mine Ban Convention) and every "
        f"state that never joined, with its status as of {dataset.as_of.isoformat()}; the withdrawals recorded from "
        "it and 20 other treaties, each checked against the treaty's exit clause; the treaties' exit clauses as "
        "rules; the domestic procedures of Estonia, Finland, Latvia, Lithuania, Poland and Ukraine with their "
        "recorded steps; and the sources of every fact. "
        f"Data reviewed against the public record on {dataset.reviewed}; statuses as of "
        f"{dataset.as_of.isoformat()}. Made by ottawa-exit {dataset.version.split('+')[0]} "
        f"(`ottawa-exit export --as-of {dataset.as_of.isoformat()}`). "
        f"Data licence: {DATA_LICENSE['name']} (attribute 'ottawa-exit'); the code that made it: "
        f"{CODE_LICENSE['name']}."
    )
