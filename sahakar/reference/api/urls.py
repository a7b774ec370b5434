from rest_framework.routers import SimpleRouter

from sahakar.reference.api import views

router = SimpleRouter()
router.register("org-units", views.OrgUnitViewSet)
router.register("agencies", views.AgencyViewSet)
router.register("substances", views.SubstanceViewSet)
urlpatterns = router.urls
