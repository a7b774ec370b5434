app_name = "arrests"
urlpatterns: list = []
